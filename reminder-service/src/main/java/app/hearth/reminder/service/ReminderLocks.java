package app.hearth.reminder.service;

import app.hearth.membership.CoupleView;
import app.hearth.membership.MembershipService;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.ReminderPause;
import app.hearth.reminder.ReminderRecipient;
import app.hearth.reminder.ReminderSettings;
import app.hearth.reminder.WebhookSubscription;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Every lock reminder-service waits for, in one place. All are held until the transaction ends. A transaction that
 * takes several takes them in this order, so no two can wait on each other:
 *
 * <ol>
 *   <li>{@link #reminder}: the reminder's row (editing it);
 *   <li>{@link #couple} / {@link #activeCouple}: the couple's row in the membership view (its reminders counted
 *       against its cap and created; a couple ending or purging waits for them);
 *   <li>{@link #remindersOf}: each person's reminder lock, several in sorted order (their reminders counted against
 *       the cap, or planned from their calendar: a reminder being created is then either planned on a calendar
 *       change's new calendar or replanned by it, never missed);
 *   <li>{@link #recipientsForReplanning} / {@link #recipient}: recipients' rows, several in key order (one
 *       occurrence planned, skipped or fired at a time);
 *   <li>{@link #settings}, {@link #pause}: one person's settings or vacation, taken alone.
 * </ol>
 *
 * Webhooks lock apart ({@link #webhooksOf}, then {@link #subscription}), never together with the above. The dispatcher
 * and webhook sender claim due rows with {@code FOR UPDATE SKIP LOCKED}: they never wait, they come back to a row
 * held here.
 */
public final class ReminderLocks {
    private ReminderLocks() {}

    /** 1. A reminder's row, null if there is none. */
    public static Reminder reminder(UUID reminderId) {
        return Reminder.findById(reminderId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** 2. The couple's row; 404 if unknown, 409 {@code couple-ended} (with {@code whatEndedMeans}) if it ended. */
    public static CoupleView activeCouple(UUID coupleId, String whatEndedMeans) {
        return MembershipService.lockActive(coupleId, whatEndedMeans);
    }

    /** 2. The couple's row, null if unknown (for event handlers, which must not throw). */
    public static CoupleView couple(UUID coupleId) {
        return CoupleView.findById(coupleId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** 3. Each person's reminder lock, in sorted order. */
    public static void remindersOf(Collection<String> people) {
        people.stream().sorted().distinct().forEach(person -> advisory("reminders/" + person));
    }

    /** 4. The recipient rows {@code query} selects, locked; the query orders them by key. */
    public static List<ReminderRecipient> recipientsForReplanning(String query, Object param) {
        return ReminderRecipient.<ReminderRecipient>find(query, param)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** 4. One recipient's row, null if there is none. */
    public static ReminderRecipient recipient(UUID reminderId, String partnerId) {
        return ReminderRecipient.findById(
                new ReminderRecipient.Key(reminderId, partnerId), LockModeType.PESSIMISTIC_WRITE);
    }

    /** 5. A person's settings row, null if they never changed one. */
    public static ReminderSettings settings(String partnerId) {
        return ReminderSettings.findById(partnerId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** 5. A person's vacation row, null if none. */
    public static ReminderPause pause(String partnerId) {
        return ReminderPause.findById(partnerId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** An owner's webhooks, counted against their cap (the owner key says person or couple). */
    public static void webhooksOf(String ownerKey) {
        advisory("webhooks/" + ownerKey);
    }

    /** A person's devices (their count, a re-registration of the same endpoint). */
    public static void devicesOf(String personId) {
        advisory("devices/" + personId);
    }

    /** A webhook subscription's row. */
    public static WebhookSubscription subscription(UUID subscriptionId) {
        return WebhookSubscription.findById(subscriptionId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** A transaction-scoped PostgreSQL advisory lock: for what has no row of its own to lock (a count, say). */
    private static void advisory(String key) {
        Panache.getEntityManager()
                .createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, key)
                .getSingleResult();
    }
}
