package app.hearth.membership;

import app.hearth.events.EventEnvelope;
import app.hearth.events.EventType;
import app.hearth.events.Topics;
import app.hearth.platform.messaging.EventConsumer;
import app.hearth.platform.messaging.InboxProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * couple-service's events (members, calendars, grants) into this service's membership view, through the inbox
 * (retries, erasure ledger, dead letters for poison only). Channel defaults are in this module's and hearth-platform's
 * META-INF/microprofile-config.properties.
 */
@ApplicationScoped
public class CoupleServiceEventsConsumer implements EventConsumer {

    @Inject
    InboxProcessor inbox;

    @Inject
    MembershipProjection projection;

    @ConfigProperty(name = "quarkus.application.name")
    String consumer;

    @Override
    public String name() {
        return consumer;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.COUPLE_EVENTS, Topics.PARTNER_EVENTS);
    }

    @Override
    public Set<EventType<?>> handledTypes() {
        return projection.handledTypes();
    }

    @Override
    public void apply(EventEnvelope event) {
        projection.apply(event);
    }

    @Incoming("couple-events")
    @Blocking
    public void onCoupleEvent(ConsumerRecord<String, String> record) {
        inbox.consume(this, record);
    }

    @Incoming("partner-events")
    @Blocking
    public void onPartnerEvent(ConsumerRecord<String, String> record) {
        inbox.consume(this, record);
    }
}
