package app.hearth.membership;

import app.hearth.platform.inbox.InboxProcessor;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * couple-service's events (members, calendars, grants) into this service's membership view, through the idempotent
 * inbox. Channel defaults (group id and dead-letter topic named after the service) are in this module's
 * META-INF/microprofile-config.properties; poison messages go to {@code <service>.dlq} and consumption goes on.
 */
@ApplicationScoped
public class CoupleServiceEventsConsumer {

    @Inject
    InboxProcessor inbox;

    @Inject
    MembershipProjection projection;

    @ConfigProperty(name = "quarkus.application.name")
    String consumer;

    @Incoming("couple-events")
    @Blocking
    public void onCoupleEvent(String payload) {
        inbox.process(consumer, payload, projection::apply);
    }

    @Incoming("partner-events")
    @Blocking
    public void onPartnerEvent(String payload) {
        inbox.process(consumer, payload, projection::apply);
    }
}
