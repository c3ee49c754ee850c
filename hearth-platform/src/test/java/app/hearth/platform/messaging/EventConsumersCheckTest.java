package app.hearth.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.events.CoupleEvents;
import app.hearth.events.EventEnvelope;
import app.hearth.events.EventType;
import app.hearth.events.ExerciseEvents;
import app.hearth.events.PartnerEvents;
import app.hearth.events.Topics;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventConsumersCheckTest {

    private static EventConsumer consumer(Set<String> topics, Set<EventType<?>> handled) {
        return new EventConsumer() {
            public String name() {
                return "probe-consumer";
            }

            public Set<String> topics() {
                return topics;
            }

            public Set<EventType<?>> handledTypes() {
                return handled;
            }

            public void apply(EventEnvelope event) {}
        };
    }

    @Test
    void aHandlerForATypeOnATopicTheConsumerDoesNotReadIsReported() {
        assertThat(EventConsumersCheck.problems(List.of(consumer(
                        Set.of(Topics.COUPLE_EVENTS), Set.of(CoupleEvents.FORMED, ExerciseEvents.CHECK_IN_COMPLETED)))))
                .singleElement()
                .asString()
                .contains("hearth.exercise.check-in-completed.v1", "exercise-events");
        assertThat(EventConsumersCheck.problems(List.of(consumer(
                        Set.of(Topics.COUPLE_EVENTS, Topics.EXERCISE_EVENTS),
                        Set.of(CoupleEvents.FORMED, ExerciseEvents.CHECK_IN_COMPLETED)))))
                .isEmpty();
    }

    @Test
    void aHandlerForAnErasureOrPurgeIsReported() {
        assertThat(EventConsumersCheck.problems(List.of(consumer(
                        Set.of(Topics.COUPLE_EVENTS, Topics.PARTNER_EVENTS),
                        Set.of(CoupleEvents.FORMED, CoupleEvents.PURGED, PartnerEvents.ERASED)))))
                .hasSize(2)
                .allSatisfy(problem -> assertThat(problem).contains("Erasures", "PersonalData"));
    }
}
