package app.hearth.platform.inbox;

import app.hearth.events.EventType;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * At start-up: every event type a consumer handles travels on a topic it reads. A handler for a type on a topic the
 * consumer does not subscribe to would never run (a type moved to another topic, a channel forgotten), so the
 * service refuses to start and says which.
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

    static List<String> problems(Iterable<EventConsumer> consumers) {
        List<String> problems = new ArrayList<>();
        for (EventConsumer consumer : consumers) {
            for (EventType<?> type : consumer.handledTypes()) {
                if (!consumer.topics().contains(type.topic())) {
                    problems.add(consumer.name() + " handles " + type.type() + ", which travels on " + type.topic()
                            + ", a topic it does not read " + consumer.topics());
                }
            }
        }
        return problems;
    }
}
