package app.hearth.platform.messaging;

import app.hearth.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The idempotent-consumer guard: records that a consumer applied an event, in the same transaction as the effect.
 * A redelivered or replayed event finds its id already recorded and is skipped.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager entityManager;

    /** True the first time {@code consumer} sees this event; false for a duplicate. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, EventEnvelope event) {
        int inserted = entityManager
                .createNativeQuery("""
                        insert into inbox_event (consumer, event_id, event_type) values (?1, ?2, ?3)
                        on conflict do nothing""")
                .setParameter(1, consumer)
                .setParameter(2, event.id())
                .setParameter(3, event.type())
                .executeUpdate();
        return inserted == 1;
    }
}
