package app.hearth.events;

import java.time.Instant;

/**
 * Events on {@code reminder-events}, keyed by couple id (partner id for personal reminders). No titles: a reminder's
 * title is text a person wrote.
 */
public final class ReminderEvents {

    public enum Kind { CHECK_IN, GRATITUDE, RITUAL, EXERCISE, PLAN_DAY, CUSTOM }

    /** A reminder reached one recipient (once per reminder, occurrence and recipient). */
    public record ReminderFired(String reminderId, String partnerId, String coupleId, Kind kind, String exerciseSlug,
                                Instant occurrenceAt, Instant firedAt) {
    }

    public static final EventType<ReminderFired> FIRED =
            new EventType<>("hearth.reminder.fired.v1", Topics.REMINDER_EVENTS, ReminderFired.class);

    private ReminderEvents() {
    }
}
