package app.hearth.reminder.service;

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

    private final Map<String, Set<MultiEmitter<? super Notification>>> listeners = new ConcurrentHashMap<>();
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

    /** The person's notifications as they arrive, until the client goes away. */
    public Multi<Notification> of(String partnerId) {
        return Multi.createFrom().emitter(emitter -> {
            listeners.computeIfAbsent(partnerId, id -> new CopyOnWriteArraySet<>()).add(emitter);
            emitter.onTermination(() -> listeners.computeIfPresent(partnerId, (id, set) -> {
                set.remove(emitter);
                return set.isEmpty() ? null : set;
            }));
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
