package app.hearth.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * Events on {@code exercise-events}, keyed by couple id. Numbers and enums only: what partners wrote (answers,
 * gratitude, needs, private notes) never leaves exercise-service.
 */
public final class ExerciseEvents {

    /** Daily screen time, in the guide's buckets. */
    public enum ScreenTime {
        UNDER_1H,
        @JsonProperty("1_TO_3H") FROM_1_TO_3H,
        OVER_3H
    }

    /** A small set of emotions to name one's mood with. */
    public enum Mood { JOYFUL, CONTENT, CALM, TIRED, ANXIOUS, SAD, FRUSTRATED, LONELY }

    /** One partner checked in for a period of their own calendar (reminder-service stops nudging them). */
    public record CheckInSubmitted(String coupleId, String partnerId, String period, CoupleEvents.CheckInCadence cadence,
                                   Instant submittedAt) {
    }

    public record CheckInScores(String partnerId, Mood mood, int moodIntensity, int closeness, int satisfaction,
                                ScreenTime screenTime) {
    }

    /** Both partners checked in for the period. */
    public record CheckInCompleted(String coupleId, String period, CoupleEvents.CheckInCadence cadence, Instant completedAt,
                                   List<CheckInScores> scores) {
    }

    public static final EventType<CheckInSubmitted> CHECK_IN_SUBMITTED =
            new EventType<>("hearth.exercise.check-in-submitted.v1", Topics.EXERCISE_EVENTS, CheckInSubmitted.class);
    public static final EventType<CheckInCompleted> CHECK_IN_COMPLETED =
            new EventType<>("hearth.exercise.check-in-completed.v1", Topics.EXERCISE_EVENTS, CheckInCompleted.class);

    private ExerciseEvents() {
    }
}
