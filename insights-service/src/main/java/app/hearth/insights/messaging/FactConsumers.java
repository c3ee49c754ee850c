package app.hearth.insights.messaging;

import app.hearth.insights.service.FactProjection;
import app.hearth.platform.inbox.InboxProcessor;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * All four topics into insights' facts, through the idempotent inbox (consumer {@code insights-facts}, consumer group
 * {@code insights-service-facts}, separate from the membership view's), poison messages to
 * {@code insights-service.dlq}.
 */
@ApplicationScoped
public class FactConsumers {

    @Inject
    InboxProcessor inbox;

    @Inject
    FactProjection facts;

    @Incoming("facts-couple-events")
    @Blocking
    public void onCoupleEvent(String payload) {
        inbox.process(FactProjection.CONSUMER, payload, facts::apply);
    }

    @Incoming("facts-partner-events")
    @Blocking
    public void onPartnerEvent(String payload) {
        inbox.process(FactProjection.CONSUMER, payload, facts::apply);
    }

    @Incoming("facts-exercise-events")
    @Blocking
    public void onExerciseEvent(String payload) {
        inbox.process(FactProjection.CONSUMER, payload, facts::apply);
    }

    @Incoming("facts-reminder-events")
    @Blocking
    public void onReminderEvent(String payload) {
        inbox.process(FactProjection.CONSUMER, payload, facts::apply);
    }
}
