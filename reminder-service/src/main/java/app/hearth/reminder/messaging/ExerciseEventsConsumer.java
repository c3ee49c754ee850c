package app.hearth.reminder.messaging;

import app.hearth.events.EventEnvelope;
import app.hearth.events.EventHandlers;
import app.hearth.events.EventType;
import app.hearth.events.ExerciseEvents;
import app.hearth.events.Topics;
import app.hearth.platform.messaging.EventConsumer;
import app.hearth.platform.messaging.InboxProcessor;
import app.hearth.reminder.service.CheckInNudges;
import app.hearth.reminder.service.DefaultReminders;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * exercise-service's events that change reminding: a submitted check-in (no nagging, partner-waiting nudges) and the
 * detox plan starting. Idempotent through the inbox; only poison goes to {@code reminder-service.dlq}.
 */
@ApplicationScoped
public class ExerciseEventsConsumer implements EventConsumer {

    @Inject
    InboxProcessor inbox;

    @Inject
    CheckInNudges nudges;

    @Inject
    DefaultReminders defaults;

    @ConfigProperty(name = "quarkus.application.name")
    String consumer;

    @Override
    public String name() {
        return consumer;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.EXERCISE_EVENTS);
    }

    @Incoming("exercise-events")
    @Blocking
    public void onExerciseEvent(ConsumerRecord<String, String> record) {
        inbox.consume(this, record);
    }

    /** Only these exercise events change reminding. */
    private final EventHandlers handlers = new EventHandlers()
            .on(ExerciseEvents.CHECK_IN_SUBMITTED, submitted -> nudges.onCheckInSubmitted(submitted))
            .on(ExerciseEvents.SESSION_STARTED, started -> defaults.onSessionStarted(started));

    @Override
    public Set<EventType<?>> handledTypes() {
        return handlers.types();
    }

    @Override
    public void apply(EventEnvelope event) {
        handlers.apply(event);
    }
}
