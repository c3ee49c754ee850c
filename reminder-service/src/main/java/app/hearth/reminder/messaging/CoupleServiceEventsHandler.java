package app.hearth.reminder.messaging;

import app.hearth.membership.MembershipProjection;
import app.hearth.platform.inbox.InboxProcessor;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** couple-service's events: members, calendars (zones, quiet hours) and grants. Poison goes to reminder-service.dlq. */
@ApplicationScoped
public class CoupleServiceEventsHandler {
    static final String CONSUMER = "reminder-service";

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
