package app.hearth.reminder.service;

import app.hearth.membership.PartnerView;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.ReminderRecipient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Places a recipient's next occurrence: in their zone (or the reminder's fixed one), held past their quiet hours. */
@ApplicationScoped
public class SchedulePlanner {

    /** Moves the recipient to the first occurrence strictly after {@code after}; none when the series has ended. */
    public void planNext(Reminder reminder, ReminderRecipient recipient, Instant after) {
        planNext(reminder, recipient, after, PartnerView.findById(recipient.partnerId));
    }

    /** {@link #planNext(Reminder, ReminderRecipient, Instant)} with the recipient's calendar already read (null: unknown). */
    public void planNext(Reminder reminder, ReminderRecipient recipient, Instant after, PartnerView calendar) {
        if (recipient.skippedThrough != null) {
            // A skipped day stays skipped, whatever time the reminder moves to that day.
            Instant skippedDay = endOfLocalDay(recipient.skippedThrough, zoneFor(reminder, calendar));
            after = skippedDay.isAfter(after) ? skippedDay : after;
        }
        if (reminder.sharedMomentMinutes != null) {
            planSharedMoment(reminder, recipient, after);
            return;
        }
        ZoneId zone = zoneFor(reminder, calendar);
        Optional<Instant> next = ReminderSchedule.of(reminder.rrule, reminder.startDate, reminder.timeOfDay)
                .nextAfter(after, zone, reminder.createdAt);
        recipient.occurrenceAt = next.orElse(null);
        recipient.nextFireAt = next.map(at -> calendar == null || calendar.quietHoursStart == null
                        ? at
                        : ReminderSchedule.holdForQuietHours(
                                at, ZoneId.of(calendar.timeZone), calendar.quietHoursStart, calendar.quietHoursEnd))
                .orElse(null);
    }

    /**
     * Plans the occurrence after {@code occurrence} fired or was skipped: the series goes on from the next day in the
     * recipient's calendar (reminders fire at most daily, so a rescheduled time later that same day is not a second
     * occurrence of it).
     */
    public void planAfter(Reminder reminder, ReminderRecipient recipient, Instant occurrence, PartnerView calendar) {
        planNext(reminder, recipient, endOfLocalDay(occurrence, zoneFor(reminder, calendar)), calendar);
    }

    static Instant endOfLocalDay(Instant at, ZoneId zone) {
        return at.atZone(zone)
                .toLocalDate()
                .plusDays(1)
                .atStartOfDay(zone)
                .toInstant()
                .minusNanos(1);
    }

    /**
     * Replans after something changed (the reminder, or the recipient's zone, start of day or quiet hours) without
     * losing what the recipient already has coming: an occurrence that came due and is held past quiet hours still
     * fires (its hold recomputed in the new calendar), and a skipped occurrence stays skipped.
     */
    public void replan(Reminder reminder, ReminderRecipient recipient, Instant now) {
        PartnerView calendar = PartnerView.findById(recipient.partnerId);
        if (recipient.occurrenceAt != null && !recipient.occurrenceAt.isAfter(now) && recipient.nextFireAt != null) {
            recipient.nextFireAt = hold(recipient.occurrenceAt, calendar);
            return; // came due (held or about to fire): it fires; the series goes on from it after
        }
        planNext(reminder, recipient, now, calendar);
    }

    private static Instant hold(Instant at, PartnerView calendar) {
        return calendar == null || calendar.quietHoursStart == null
                ? at
                : ReminderSchedule.holdForQuietHours(
                        at, ZoneId.of(calendar.timeZone), calendar.quietHoursStart, calendar.quietHoursEnd);
    }

    /**
     * A shared moment: the series' time of day is read in the owner's zone (or the fixed one); it fires at the
     * start of the first window from then on, within a week, in which every recipient is awake for at least the
     * moment's length, the same instant for all. With no such window it fires at the nominal time, held past the
     * recipient's quiet hours.
     */
    private void planSharedMoment(Reminder reminder, ReminderRecipient recipient, Instant after) {
        ZoneId zone = zoneFor(reminder, PartnerView.findById(reminder.ownerId));
        Optional<Instant> next = ReminderSchedule.of(reminder.rrule, reminder.startDate, reminder.timeOfDay)
                .nextAfter(after, zone, reminder.createdAt);
        recipient.occurrenceAt = next.orElse(null);
        recipient.nextFireAt = next.map(nominal -> {
                    List<SharedWindows.Calendar> everyone =
                            ReminderRecipient.<ReminderRecipient>list("reminderId", reminder.id).stream()
                                    .map(r -> SharedWindows.calendarOf(PartnerView.findById(r.partnerId)))
                                    .toList();
                    List<SharedWindows.Interval> windows = SharedWindows.between(
                            nominal, nominal.plus(Duration.ofDays(7)), everyone, reminder.sharedMomentMinutes);
                    if (!windows.isEmpty()) {
                        return windows.get(0).start();
                    }
                    PartnerView calendar = PartnerView.findById(recipient.partnerId);
                    return calendar == null || calendar.quietHoursStart == null
                            ? nominal
                            : ReminderSchedule.holdForQuietHours(
                                    nominal,
                                    ZoneId.of(calendar.timeZone),
                                    calendar.quietHoursStart,
                                    calendar.quietHoursEnd);
                })
                .orElse(null);
    }

    static ZoneId zoneFor(Reminder reminder, PartnerView calendar) {
        if (reminder.zonePolicy == Reminder.ZonePolicy.FIXED) {
            return ZoneId.of(reminder.fixedZone);
        }
        return calendar == null ? ZoneId.of("UTC") : ZoneId.of(calendar.timeZone);
    }
}
