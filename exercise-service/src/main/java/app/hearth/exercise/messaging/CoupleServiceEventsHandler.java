package app.hearth.exercise.messaging;

import app.hearth.membership.MembershipProjection;
import app.hearth.platform.inbox.InboxProcessor;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * couple-service's events: who is in which couple, each partner's calendar, and partner-app grants. Poison messages
 * go to {@code exercise-service.dlq} (see application.properties) and consumption goes on.
 */
@ApplicationScoped
public class CoupleServiceEventsHandler {
    static final String CONSUMER = "exercise-service";

    @Inject
    InboxProcessor inbox;

    @Inject
    MembershipProjection projection;

    @Incoming("couple-events")
    @Blocking
    public void onCoupleEvent(String payload) {
        inbox.process(CONSUMER, payload, projection::apply);
    }

    @Incoming("partner-events")
    @Blocking
    public void onPartnerEvent(String payload) {
        inbox.process(CONSUMER, payload, projection::apply);
    }
}
