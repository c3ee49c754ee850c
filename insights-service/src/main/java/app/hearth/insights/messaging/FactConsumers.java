package app.hearth.insights.messaging;

import app.hearth.events.EventEnvelope;
import app.hearth.events.EventType;
import app.hearth.insights.service.FactProjection;
import app.hearth.insights.service.ProjectionRebuild;
import app.hearth.platform.messaging.EventConsumer;
import app.hearth.platform.messaging.InboxProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * All four topics into insights' facts, through the inbox (consumer {@code insights-facts}, consumer group
 * {@code insights-service-facts}, separate from the membership view's); poison to {@code insights-service.dlq}.
 */
@ApplicationScoped
public class FactConsumers implements EventConsumer {

    @Inject
    InboxProcessor inbox;

    @Inject
    FactProjection facts;

    @Override
    public String name() {
        return FactProjection.CONSUMER;
    }

    @Override
    public Set<String> topics() {
        return Set.copyOf(ProjectionRebuild.TOPICS);
    }

    @Override
    public Set<EventType<?>> handledTypes() {
        return facts.handledTypes();
    }

    @Override
    public void apply(EventEnvelope event) {
        facts.apply(event);
    }

    @Incoming("facts-couple-events")
    @Blocking
    public void onCoupleEvent(ConsumerRecord<String, String> record) {
        inbox.consume(this, record);
    }

    @Incoming("facts-partner-events")
    @Blocking
    public void onPartnerEvent(ConsumerRecord<String, String> record) {
        inbox.consume(this, record);
    }

    @Incoming("facts-exercise-events")
    @Blocking
    public void onExerciseEvent(ConsumerRecord<String, String> record) {
        inbox.consume(this, record);
    }

    @Incoming("facts-reminder-events")
    @Blocking
    public void onReminderEvent(ConsumerRecord<String, String> record) {
        inbox.consume(this, record);
    }
}
