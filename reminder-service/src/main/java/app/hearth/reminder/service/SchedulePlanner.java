package app.hearth.reminder.service;

import app.hearth.membership.PartnerView;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.ReminderRecipient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Places a recipient's next occurrence: in their zone (or the reminder's fixed one), held past their quiet hours. */
@ApplicationScoped
public class SchedulePlanner {

    /** Moves the recipient to the first occurrence strictly after {@code after}; none when the series has ended. */
    public void planNext(Reminder reminder, ReminderRecipient recipient, Instant after) {
        PartnerView calendar = PartnerView.findById(recipient.partnerId);
        ZoneId zone = zoneFor(reminder, calendar);
        Optional<Instant> next = ReminderSchedule.of(reminder.rrule, reminder.startDate, reminder.timeOfDay).nextAfter(after, zone);
        recipient.occurrenceAt = next.orElse(null);
        recipient.nextFireAt = next.map(at -> calendar == null || calendar.quietHoursStart == null ? at
                : ReminderSchedule.holdForQuietHours(at, ZoneId.of(calendar.timeZone), calendar.quietHoursStart,
                        calendar.quietHoursEnd)).orElse(null);
    }

    static ZoneId zoneFor(Reminder reminder, PartnerView calendar) {
        if (reminder.zonePolicy == Reminder.ZonePolicy.FIXED) {
            return ZoneId.of(reminder.fixedZone);
        }
        return calendar == null ? ZoneId.of("UTC") : ZoneId.of(calendar.timeZone);
    }
}
