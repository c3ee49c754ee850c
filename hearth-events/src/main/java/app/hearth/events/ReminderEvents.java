package app.hearth.events;

import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Events on {@code reminder-events}, keyed by couple id (partner id for personal reminders). No titles: a reminder's
 * title is text a person wrote.
 */
public final class ReminderEvents {

    @Schema(name = "ReminderKind")
    public enum Kind {
        CHECK_IN,
        GRATITUDE,
        RITUAL,
        EXERCISE,
        PLAN_DAY,
        CUSTOM
    }

    /** A reminder reached one recipient (once per reminder, occurrence and recipient). */
    public record ReminderFired(
            String reminderId,
            String partnerId,
            String coupleId,
            Kind kind,
            String exerciseSlug,
            Instant occurrenceAt,
            Instant firedAt) {}

    /** A person paused all their reminders (a vacation) through {@code until}, a local date of their calendar. */
    public record RemindersPaused(String partnerId, LocalDate until, Instant pausedAt) {}

    public record RemindersResumed(String partnerId, Instant resumedAt) {}

    public static final EventType<RemindersPaused> PAUSED =
            new EventType<>("hearth.reminder.paused.v1", Topics.REMINDER_EVENTS, RemindersPaused.class);
    public static final EventType<RemindersResumed> RESUMED =
            new EventType<>("hearth.reminder.resumed.v1", Topics.REMINDER_EVENTS, RemindersResumed.class);
    public static final EventType<ReminderFired> FIRED =
            new EventType<>("hearth.reminder.fired.v1", Topics.REMINDER_EVENTS, ReminderFired.class);

    private ReminderEvents() {}
}
