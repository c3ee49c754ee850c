package app.hearth.reminder.messaging;

import app.hearth.events.EventEnvelope;
import app.hearth.events.ExerciseEvents;
import app.hearth.platform.inbox.InboxProcessor;
import app.hearth.reminder.service.CheckInNudges;
import app.hearth.reminder.service.DefaultReminders;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * exercise-service's events that change reminding: a submitted check-in (no nagging, partner-waiting nudges) and the
 * detox plan starting. Idempotent through the inbox; poison messages go to {@code reminder-service.dlq}.
 */
@ApplicationScoped
public class ExerciseEventsConsumer {

    @Inject
    InboxProcessor inbox;

    @Inject
    CheckInNudges nudges;

    @Inject
    DefaultReminders defaults;

    @ConfigProperty(name = "quarkus.application.name")
    String consumer;

    @Incoming("exercise-events")
    @Blocking
    public void onExerciseEvent(String payload) {
        inbox.process(consumer, payload, this::apply);
    }

    private void apply(EventEnvelope event) {
        switch (event.type()) {
            case "hearth.exercise.check-in-submitted.v1" -> nudges.onCheckInSubmitted(event.dataAs(ExerciseEvents.CHECK_IN_SUBMITTED));
            case "hearth.exercise.session-started.v1" -> defaults.onSessionStarted(event.dataAs(ExerciseEvents.SESSION_STARTED));
            default -> {
                // Other exercise events do not change reminding.
            }
        }
    }
}
