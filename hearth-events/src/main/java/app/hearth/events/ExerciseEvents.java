package app.hearth.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Events on {@code exercise-events}, keyed by couple id. Numbers and enums only: what partners wrote (answers,
 * gratitude, needs, private notes) never leaves exercise-service.
 */
public final class ExerciseEvents {

    /**
     * Daily screen time, in the guide's buckets. The wire value {@code 1_TO_3H} stays as it is (it is in stored events
     * and clients); {@code x-enum-varnames} gives code generators a name they can use for it (they would otherwise
     * make one up, such as {@code _1_TO_3_H}).
     */
    @Schema(
            extensions =
                    @Extension(
                            name = "x-enum-varnames",
                            value = "[\"UNDER_1H\", \"FROM_1_TO_3H\", \"OVER_3H\"]",
                            parseValue = true))
    public enum ScreenTime {
        UNDER_1H,
        @JsonProperty("1_TO_3H")
        FROM_1_TO_3H,
        OVER_3H
    }

    /** A small set of emotions to name one's mood with. */
    public enum Mood {
        JOYFUL,
        CONTENT,
        CALM,
        TIRED,
        ANXIOUS,
        SAD,
        FRUSTRATED,
        LONELY
    }

    /** One partner checked in for a period of their own calendar (reminder-service stops nudging them). */
    public record CheckInSubmitted(
            String coupleId,
            String partnerId,
            String period,
            CoupleEvents.CheckInCadence cadence,
            Instant submittedAt) {}

    public record CheckInScores(
            String partnerId, Mood mood, int moodIntensity, int closeness, int satisfaction, ScreenTime screenTime) {}

    /** Both partners checked in for the period. */
    public record CheckInCompleted(
            String coupleId,
            String period,
            CoupleEvents.CheckInCadence cadence,
            Instant completedAt,
            List<CheckInScores> scores) {}

    public record SessionStarted(
            String coupleId,
            String sessionId,
            String exerciseSlug,
            String kind,
            String level,
            List<String> layers,
            String startedBy,
            Instant startedAt) {}

    /** A member paused the session for both (the guide's guard against emotional flooding). */
    public record SessionPaused(
            String coupleId,
            String sessionId,
            String exerciseSlug,
            String pausedBy,
            boolean pauseWordSaid,
            Instant pausedAt,
            Instant resumeNotBefore) {}

    public record SessionResumed(String coupleId, String sessionId, String exerciseSlug, Instant resumedAt) {}

    /**
     * A session that will not be finished: {@code ENDED} by a partner ({@code endedBy}), or {@code LAPSED} after a week
     * paused and untouched (no {@code endedBy}). The reason a partner may give stays in exercise-service.
     */
    public record SessionEnded(
            String coupleId,
            String sessionId,
            String exerciseSlug,
            String outcome,
            String endedBy,
            int pauseCount,
            Instant endedAt) {}

    public record Rating(String partnerId, int feltConnected, int feltSafe) {}

    public record ExerciseCompleted(
            String coupleId,
            String sessionId,
            String exerciseSlug,
            String kind,
            String level,
            List<String> layers,
            List<Rating> ratings,
            Instant completedAt) {}

    public record PlanDayCompleted(
            String coupleId,
            String sessionId,
            String exerciseSlug,
            int day,
            int days,
            String completedBy,
            Instant completedAt) {}

    /** A self-assessment was completed; the answers stay with the people who gave them. */
    public record AssessmentCompleted(
            String coupleId, String sessionId, String exerciseSlug, List<String> partnerIds, Instant completedAt) {}

    /** What started a gentle period: the guide's signs of emotional flooding. */
    public enum GentleSignal {
        /** A member rated "felt safe" 2 or below after an intense session. */
        LOW_FELT_SAFE,
        /** A member named their mood anxious or lonely in two of their last three check-ins. */
        ANXIOUS_OR_LONELY
    }

    /**
     * The couple's pacing slowed: until {@code until} exercise-service starts no intense session for them. Who gave
     * the signal is not said (the partner sees the period, not whose rating or mood began it).
     */
    public record GentlePeriodStarted(String coupleId, GentleSignal signal, Instant startedAt, Instant until) {}

    public static final EventType<SessionStarted> SESSION_STARTED =
            new EventType<>("hearth.exercise.session-started.v1", Topics.EXERCISE_EVENTS, SessionStarted.class);
    public static final EventType<SessionPaused> SESSION_PAUSED =
            new EventType<>("hearth.exercise.session-paused.v1", Topics.EXERCISE_EVENTS, SessionPaused.class);
    public static final EventType<SessionResumed> SESSION_RESUMED =
            new EventType<>("hearth.exercise.session-resumed.v1", Topics.EXERCISE_EVENTS, SessionResumed.class);
    public static final EventType<SessionEnded> SESSION_ENDED =
            new EventType<>("hearth.exercise.session-ended.v1", Topics.EXERCISE_EVENTS, SessionEnded.class);
    public static final EventType<ExerciseCompleted> EXERCISE_COMPLETED =
            new EventType<>("hearth.exercise.exercise-completed.v1", Topics.EXERCISE_EVENTS, ExerciseCompleted.class);
    public static final EventType<PlanDayCompleted> PLAN_DAY_COMPLETED =
            new EventType<>("hearth.exercise.plan-day-completed.v1", Topics.EXERCISE_EVENTS, PlanDayCompleted.class);
    public static final EventType<AssessmentCompleted> ASSESSMENT_COMPLETED = new EventType<>(
            "hearth.exercise.assessment-completed.v1", Topics.EXERCISE_EVENTS, AssessmentCompleted.class);
    public static final EventType<CheckInSubmitted> CHECK_IN_SUBMITTED =
            new EventType<>("hearth.exercise.check-in-submitted.v1", Topics.EXERCISE_EVENTS, CheckInSubmitted.class);
    public static final EventType<GentlePeriodStarted> GENTLE_PERIOD_STARTED = new EventType<>(
            "hearth.exercise.gentle-period-started.v1", Topics.EXERCISE_EVENTS, GentlePeriodStarted.class);
    public static final EventType<CheckInCompleted> CHECK_IN_COMPLETED =
            new EventType<>("hearth.exercise.check-in-completed.v1", Topics.EXERCISE_EVENTS, CheckInCompleted.class);

    private ExerciseEvents() {}
}
