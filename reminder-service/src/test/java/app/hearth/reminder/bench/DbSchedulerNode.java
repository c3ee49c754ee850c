package app.hearth.reminder.bench;

import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.ReminderEvents;
import app.hearth.events.Topics;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One JVM of the alternative in bench/compare's dispatch pair: db-scheduler (what people pick for persistent,
 * cluster-safe scheduled work in Java), one task instance per person's daily reminder, doing per fire the work
 * reminder-service does (the notification row, which announces itself, and ReminderFired in the outbox, in one
 * transaction), then rescheduling to the next day as a recurring reminder would. Run by {@link DispatchComparison}.
 * Arguments: jdbc-url user password time-of-day threads lower-limit upper-limit polling-millis scheduler-name.
 */
public final class DbSchedulerNode {

    private DbSchedulerNode() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int threads = Integer.parseInt(args[4]);
        AgroalDataSource dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(threads + 4)
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url)
                                .principal(new NamePrincipal(args[1]))
                                .credential(new SimplePassword(args[2])))));
        LocalTime at = LocalTime.parse(args[3]);
        CustomTask<Void> reminder = Tasks.custom("hearth-reminder", Void.class).execute((instance, context) -> {
            fire(dataSource, instance.getId(), context.getExecution().executionTime);
            return new CompletionHandler.OnCompleteReschedule<>(Schedules.daily(ZoneOffset.UTC, at));
        });
        Scheduler scheduler = Scheduler.create(dataSource, reminder)
                .threads(threads)
                .pollUsingLockAndFetch(Double.parseDouble(args[5]), Double.parseDouble(args[6]))
                .pollingInterval(Duration.ofMillis(Long.parseLong(args[7])))
                .schedulerName(new SchedulerName.Fixed(args[8]))
                .registerShutdownHook()
                .build();
        scheduler.start();
        Thread.currentThread().join(); // until the harness stops this JVM
    }

    /** The notification and its ReminderFired event, in one transaction (as reminder-service commits them). */
    private static void fire(AgroalDataSource dataSource, String partnerId, Instant occurrence) {
        Instant now = Instant.now();
        String reminderId =
                UUID.nameUUIDFromBytes(("dbs-r-" + partnerId).getBytes()).toString();
        EventEnvelope event = EventEnvelope.create(
                ReminderEvents.FIRED,
                "/reminder-service",
                partnerId,
                new ReminderEvents.ReminderFired(
                        reminderId, partnerId, null, ReminderEvents.Kind.GRATITUDE, null, occurrence, now));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement notification = c.prepareStatement("""
                    insert into notification (id, reminder_id, partner_id, kind, title, occurrence_at, fired_at, status)
                    values (?, ?::uuid, ?, 'GRATITUDE', 'Say one thing you appreciate', ?, ?, 'UNREAD')""");
                    PreparedStatement outbox = c.prepareStatement("""
                    insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at)
                    values (?, ?, ?, ?, ?, ?)""")) {
                notification.setObject(1, UUID.randomUUID());
                notification.setString(2, reminderId);
                notification.setString(3, partnerId);
                notification.setObject(4, occurrence.atOffset(ZoneOffset.UTC));
                notification.setObject(5, now.atOffset(ZoneOffset.UTC));
                notification.executeUpdate();
                outbox.setObject(1, event.id());
                outbox.setString(2, Topics.REMINDER_EVENTS);
                outbox.setString(3, partnerId);
                outbox.setString(4, event.type());
                outbox.setString(5, EventJson.write(event));
                outbox.setObject(6, now.atOffset(ZoneOffset.UTC));
                outbox.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
