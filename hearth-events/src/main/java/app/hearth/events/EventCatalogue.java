package app.hearth.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type Hearth knows. A type listed here must have its schema under {@code schemas/}. */
public final class EventCatalogue {
    private static final List<EventType<?>> ALL = List.of(
            PlatformEvents.PROBE,
            PartnerEvents.REGISTERED,
            PartnerEvents.PROFILE_UPDATED,
            PartnerEvents.ERASED,
            CoupleEvents.FORMED,
            CoupleEvents.UPDATED,
            CoupleEvents.ENDED,
            CoupleEvents.PURGED,
            CoupleEvents.INTEGRATION_GRANTED,
            CoupleEvents.INTEGRATION_REVOKED,
            ExerciseEvents.SESSION_STARTED,
            ExerciseEvents.SESSION_PAUSED,
            ExerciseEvents.SESSION_RESUMED,
            ExerciseEvents.SESSION_ENDED,
            ExerciseEvents.EXERCISE_COMPLETED,
            ExerciseEvents.PLAN_DAY_COMPLETED,
            ExerciseEvents.ASSESSMENT_COMPLETED,
            ExerciseEvents.CHECK_IN_SUBMITTED,
            ExerciseEvents.CHECK_IN_COMPLETED,
            ExerciseEvents.GENTLE_PERIOD_STARTED,
            ReminderEvents.FIRED,
            ReminderEvents.PAUSED,
            ReminderEvents.RESUMED);

    private static final Map<String, EventType<?>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private EventCatalogue() {}

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
