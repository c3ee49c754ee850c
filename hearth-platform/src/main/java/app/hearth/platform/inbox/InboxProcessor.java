package app.hearth.platform.inbox;

import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * The shape every Kafka handler of Hearth shares: read the event, skip it if this consumer already applied it, apply
 * it, and record it, all in one transaction. A payload that is not a Hearth event, or whose data cannot be read,
 * throws: the channel's failure strategy sends it to the consumer's dead-letter topic and the consumer goes on.
 */
@ApplicationScoped
public class InboxProcessor {
    private static final Logger LOG = Logger.getLogger(InboxProcessor.class);

    @Inject
    Inbox inbox;

    @Transactional
    public void process(String consumer, String payload, Consumer<EventEnvelope> apply) {
        EventEnvelope event = EventJson.read(payload);
        if (!inbox.firstDelivery(consumer, event)) {
            LOG.debugf("%s: event %s (%s) already applied", consumer, event.id(), event.type());
            return;
        }
        apply.accept(event);
    }
}
