package app.hearth.platform.messaging;

import app.hearth.events.CoupleEvents;
import app.hearth.events.EventType;
import app.hearth.events.PartnerEvents;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * At start-up: every event type a consumer handles travels on a topic it reads, and none is an erasure or purge. A
 * handler for a type on a topic the consumer does not subscribe to would never run (a type moved to another topic, a
 * channel forgotten); one for an erasure would be a second way of forgetting someone beside {@code Erasures}. Either
 * way the service refuses to start and says which.
 */
@ApplicationScoped
public class EventConsumersCheck {

    @Inject
    @Any
    Instance<EventConsumer> consumers;

    void onStart(@Observes StartupEvent start) {
        List<String> problems = problems(consumers);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "event consumers that could never apply what they handle: " + String.join("; ", problems));
        }
    }

    private static final Set<EventType<?>> ERASURES = Set.of(PartnerEvents.ERASED, CoupleEvents.PURGED);

    static List<String> problems(Iterable<EventConsumer> consumers) {
        List<String> problems = new ArrayList<>();
        for (EventConsumer consumer : consumers) {
            for (EventType<?> type : consumer.handledTypes()) {
                if (ERASURES.contains(type)) {
                    problems.add(consumer.name() + " handles " + type.type()
                            + ", which the inbox applies to every part of the service itself (Erasures): "
                            + "declare what it reaches in the service's PersonalData instead");
                }
                if (!consumer.topics().contains(type.topic())) {
                    problems.add(consumer.name() + " handles " + type.type() + ", which travels on " + type.topic()
                            + ", a topic it does not read " + consumer.topics());
                }
            }
        }
        return problems;
    }
}
