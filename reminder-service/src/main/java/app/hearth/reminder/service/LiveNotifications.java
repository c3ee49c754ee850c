package app.hearth.reminder.service;

import app.hearth.platform.problem.ApiException;
import app.hearth.reminder.Notification;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Notifications pushed to the clients connected to this replica. Each replica LISTENs on {@code hearth_notification},
 * which a trigger announces when a notification arrives (fired, nudged, back from snooze) and only on commit; so a
 * client hears of its notifications whichever replica fired them, and never of one that was rolled back. A client
 * that was disconnected catches up from the inbox ({@code GET /v1/me/notifications}).
 */
@ApplicationScoped
public class LiveNotifications {
    private static final Logger LOG = Logger.getLogger(LiveNotifications.class);
    static final String CHANNEL = "hearth_notification";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    /** Open streams per person on this replica, the resource each stream holds (a connection); capped. */
    @ConfigProperty(name = "hearth.reminders.max-live-streams-per-person", defaultValue = "5")
    int maxStreamsPerPerson;

    private final Map<String, Set<MultiEmitter<? super Notification>>> listeners = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread listener;

    void start(@Observes StartupEvent startup) {
        running = true;
        listener = new Thread(this::listen, "notification-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /**
     * The person's notifications as they arrive, until the client goes away. Takes one of the person's stream slots
     * first (atomically, so parallel connects cannot get past the cap), before any answer is sent: past the cap the
     * caller gets a 429 problem, not a stream that ends at once.
     */
    public Multi<Notification> of(String partnerId) {
        boolean[] taken = {false};
        open.compute(partnerId, (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxStreamsPerPerson) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            throw ApiException.limitReached("At most " + maxStreamsPerPerson + " live streams may be open at once; close "
                    + "one (each device needs only one).");
        }
        return Multi.createFrom().emitter(emitter -> {
            listeners.computeIfAbsent(partnerId, id -> new CopyOnWriteArraySet<>()).add(emitter);
            emitter.onTermination(() -> {
                listeners.computeIfPresent(partnerId, (id, set) -> {
                    set.remove(emitter);
                    return set.isEmpty() ? null : set;
                });
                open.computeIfPresent(partnerId, (id, count) -> count <= 1 ? null : count - 1);
            });
        });
    }

    public int connected() {
        return listeners.values().stream().mapToInt(Set::size).sum();
    }

    private void listen() {
        long backoffMillis = 500;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                backoffMillis = 500;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] arrived = pg.getNotifications(5_000);
                    if (arrived != null) {
                        for (PGNotification notification : arrived) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Live notifications: listening failed (%s); retrying in %d ms", e.toString(), backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
            }
        }
    }

    private void deliver(String announcement) {
        int space = announcement.lastIndexOf(' ');
        String partnerId = announcement.substring(0, space);
        Set<MultiEmitter<? super Notification>> emitters = listeners.get(partnerId);
        if (emitters == null || emitters.isEmpty()) {
            return;
        }
        UUID id = UUID.fromString(announcement.substring(space + 1));
        Notification notification = QuarkusTransaction.requiringNew().call(() -> Notification.<Notification>findById(id));
        if (notification != null && notification.status == Notification.Status.UNREAD) {
            emitters.forEach(emitter -> emitter.emit(notification));
        }
    }
}
