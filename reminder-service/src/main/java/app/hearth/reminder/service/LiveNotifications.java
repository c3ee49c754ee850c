package app.hearth.reminder.service;

import app.hearth.platform.http.ApiException;
import app.hearth.platform.privacy.Erasures;
import app.hearth.reminder.Notification;
import app.hearth.reminder.config.ReminderConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Notifications pushed to the clients connected to this replica. Each replica LISTENs on {@code hearth_notification},
 * which a trigger announces when a notification arrives (fired, nudged, back from snooze) and only on commit; so a
 * client hears of its notifications whichever replica fired them, and never of one that was rolled back. A client
 * that was disconnected catches up from the inbox ({@code GET /v1/me/notifications}).
 *
 * <p>A stream lasts only as long as the authority it was opened with: it ends when the token it was opened with
 * expires (the client reconnects with a fresh one) and at once when the person is erased. Notifications of an ended
 * couple are deleted with it, so a stream never delivers them. A slot taken for a stream that never started (the
 * client went away first) is given back after {@code hearth.reminders.live-stream-start-grace}.
 */
@ApplicationScoped
public class LiveNotifications {
    @Inject
    Clock clock;

    private static final Logger LOG = Logger.getLogger(LiveNotifications.class);
    static final String CHANNEL = "hearth_notification";
    /** Announces, on commit of a person's erasure, that their streams end: every replica hears it, not only the consumer's. */
    static final String ENDED_CHANNEL = "hearth_stream_end";

    private static final Duration REMEMBER_ERASED = Duration.ofMinutes(15);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Inject
    ReminderConfig config;

    private final Map<String, Set<MultiEmitter<? super Notification>>> listeners = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
    /** People erased lately, so a stream whose caller check passed just before the erasure committed still ends. */
    private final ConcurrentHashMap<String, Instant> erasedLately = new ConcurrentHashMap<>();

    private volatile boolean running;
    private Thread listener;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "live-stream-timers");
        thread.setDaemon(true);
        return thread;
    });

    void start(@Observes StartupEvent startup) {
        running = true;
        listener = new Thread(this::listen, "notification-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        timers.shutdownNow();
        if (listener != null) {
            listener.interrupt();
        }
    }

    /**
     * The person's notifications as they arrive, until the client goes away. Takes one of the person's stream slots
     * first (atomically, so parallel connects cannot get past the cap), before any answer is sent: past the cap the
     * caller gets a 429 problem, not a stream that ends at once.
     */
    public Multi<Notification> of(String partnerId, Instant authorityEnds) {
        boolean[] taken = {false};
        open.compute(partnerId, (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= config.maxLiveStreamsPerPerson()) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            throw ApiException.limitReached("At most " + config.maxLiveStreamsPerPerson()
                    + " live streams may be open at once; close " + "one (each device needs only one).");
        }
        AtomicBoolean slotHeld = new AtomicBoolean(true);
        AtomicBoolean started = new AtomicBoolean();
        Runnable giveBack = () -> {
            if (slotHeld.compareAndSet(true, false)) {
                open.computeIfPresent(partnerId, (id, count) -> count <= 1 ? null : count - 1);
            }
        };
        timers.schedule(
                () -> {
                    if (!started.get()) {
                        giveBack.run(); // the client went away before the stream started
                    }
                },
                config.liveStreamStartGrace().toMillis(),
                TimeUnit.MILLISECONDS);
        return Multi.createFrom().emitter(emitter -> {
            started.set(true);
            listeners
                    .computeIfAbsent(partnerId, id -> new CopyOnWriteArraySet<>())
                    .add(emitter);
            long untilExpiry =
                    Math.max(0, Duration.between(clock.instant(), authorityEnds).toMillis());
            var expiry = timers.schedule(emitter::complete, untilExpiry, TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> {
                expiry.cancel(false);
                listeners.computeIfPresent(partnerId, (id, set) -> {
                    set.remove(emitter);
                    return set.isEmpty() ? null : set;
                });
                giveBack.run();
            });
            if (erasedLately.containsKey(partnerId)) {
                emitter.complete(); // erased between the caller check and now: registered too late to be ended
            }
        });
    }

    /**
     * The person is being erased: when that commits, every replica ends their streams (their token is refused from
     * then on, so they do not come back). Announced in the erasure's transaction, so a rolled-back erasure ends nothing.
     */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    void erased(@Observes Erasures.ErasureApplied erased) {
        Panache.getEntityManager()
                .createNativeQuery("select pg_notify(?1, ?2)")
                .setParameter(1, ENDED_CHANNEL)
                .setParameter(2, erased.personId())
                .getSingleResult();
    }

    private void endStreamsOf(String partnerId) {
        Instant now = clock.instant();
        erasedLately.values().removeIf(at -> at.isBefore(now.minus(REMEMBER_ERASED)));
        erasedLately.put(partnerId, now);
        Set<MultiEmitter<? super Notification>> emitters = listeners.get(partnerId);
        if (emitters != null) {
            emitters.forEach(MultiEmitter::complete);
        }
    }

    public int open(String partnerId) {
        return open.getOrDefault(partnerId, 0);
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
                    statement.execute("LISTEN " + ENDED_CHANNEL);
                }
                backoffMillis = 500;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] arrived = pg.getNotifications(5_000);
                    if (arrived != null) {
                        for (PGNotification notification : arrived) {
                            if (ENDED_CHANNEL.equals(notification.getName())) {
                                endStreamsOf(notification.getParameter());
                            } else {
                                deliver(notification.getParameter());
                            }
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
        Notification notification =
                QuarkusTransaction.requiringNew().call(() -> Notification.<Notification>findById(id));
        if (notification != null && notification.status == Notification.Status.UNREAD) {
            emitters.forEach(emitter -> emitter.emit(notification));
        }
    }
}
