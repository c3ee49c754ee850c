package app.hearth.reminder.service;

import app.hearth.events.ReminderEvents;
import app.hearth.platform.outbox.Outbox;
import app.hearth.reminder.Notification;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.ReminderPause;
import app.hearth.reminder.ReminderRecipient;
import app.hearth.membership.PartnerView;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fires due reminders. Runs in every replica: each batch claims due rows with {@code FOR UPDATE SKIP LOCKED}, so two
 * replicas never take the same row, and the notification's unique key (reminder, occurrence, recipient) is the last
 * guard. A replica that dies mid-batch rolls back; its rows are due again for the next pass of any replica.
 */
@ApplicationScoped
public class Dispatcher {
    static final int BATCH = 500;

    @Inject
    Clock clock;

    @Inject
    Outbox outbox;

    @Inject
    SchedulePlanner planner;

    @Scheduled(every = "${hearth.reminders.dispatch-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        dispatchDue();
    }

    /** Fires everything due now, batch by batch; returns how many notifications were created or brought back. */
    public int dispatchDue() {
        int fired = QuarkusTransaction.requiringNew().call(this::wakeSnoozed);
        while (true) {
            int batch = QuarkusTransaction.requiringNew().call(this::dispatchBatch);
            fired += batch;
            if (batch < BATCH) {
                return fired;
            }
        }
    }

    private int dispatchBatch() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> due = Panache.getEntityManager().createNativeQuery("""
                        select reminder_id, partner_id from reminder_recipient
                        where next_fire_at <= ?1 order by next_fire_at limit ?2 for update skip locked""")
                .setParameter(1, now).setParameter(2, BATCH).getResultList();
        int created = 0;
        for (Object[] row : due) {
            ReminderRecipient recipient = ReminderRecipient.findById(new ReminderRecipient.Key((UUID) row[0], (String) row[1]));
            Reminder reminder = Reminder.findById(recipient.reminderId);
            if (!onVacation(recipient) && fire(reminder, recipient, now)) {
                created++;
            }
            planner.planNext(reminder, recipient, recipient.occurrenceAt);
        }
        return created;
    }

    /** A paused person's occurrences through their pause date are skipped (not delivered when they come back). */
    private static boolean onVacation(ReminderRecipient recipient) {
        ReminderPause pause = ReminderPause.findById(recipient.partnerId);
        if (pause == null) {
            return false;
        }
        PartnerView calendar = PartnerView.findById(recipient.partnerId);
        java.time.ZoneId zone = java.time.ZoneId.of(calendar == null ? "UTC" : calendar.timeZone);
        return !recipient.occurrenceAt.atZone(zone).toLocalDate().isAfter(pause.untilDate);
    }

    /** Brings snoozed notifications back to the inbox when their snooze is over. */
    private int wakeSnoozed() {
        return Panache.getEntityManager().createNativeQuery("""
                        update notification set status = 'UNREAD', fired_at = ?1, snoozed_until = null
                        where id in (select id from notification where status = 'SNOOZED' and snoozed_until <= ?1
                                     order by snoozed_until limit 500 for update skip locked)""")
                .setParameter(1, clock.instant()).executeUpdate();
    }

    private boolean fire(Reminder reminder, ReminderRecipient recipient, Instant now) {
        UUID id = UUID.randomUUID();
        int inserted = Panache.getEntityManager().createNativeQuery("""
                        insert into notification (id, reminder_id, partner_id, couple_id, kind, title, exercise_slug,
                                                  occurrence_at, fired_at, status)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'UNREAD')
                        on conflict (reminder_id, occurrence_at, partner_id) do nothing""")
                .setParameter(1, id).setParameter(2, reminder.id).setParameter(3, recipient.partnerId)
                .setParameter(4, reminder.coupleId).setParameter(5, reminder.kind.name()).setParameter(6, reminder.title)
                .setParameter(7, reminder.exerciseSlug).setParameter(8, recipient.occurrenceAt).setParameter(9, now)
                .executeUpdate();
        if (inserted == 0) {
            return false; // already fired for this occurrence
        }
        String key = reminder.coupleId != null ? reminder.coupleId.toString() : recipient.partnerId;
        outbox.publish(ReminderEvents.FIRED, key, new ReminderEvents.ReminderFired(reminder.id.toString(), recipient.partnerId,
                reminder.coupleId == null ? null : reminder.coupleId.toString(), reminder.kind, reminder.exerciseSlug,
                recipient.occurrenceAt, now));
        return true;
    }
}
