package app.hearth.platform.outbox;

import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;


/**
 * Records an event in the {@code outbox_event} table inside the caller's transaction, so the state change and its
 * event commit together or not at all. {@link OutboxRelay} publishes committed rows to Kafka.
 */
@ApplicationScoped
public class Outbox {
    private static final Object WAKE_KEY = new Object();

    @Inject
    EntityManager entityManager;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    /**
     * Appends an event about {@code subject} (the record key: couple or partner id). Must run inside the transaction
     * that makes the change the event describes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> EventEnvelope publish(EventType<T> type, String subject, T data) {
        EventEnvelope event = EventEnvelope.create(type, "/" + service, subject, data);
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.id();
        row.topic = type.topic();
        row.eventKey = subject;
        row.eventType = type.type();
        row.payload = EventJson.write(event);
        row.createdAt = event.time();
        entityManager.persist(row);
        if (transactions.getResource(WAKE_KEY) == null) {
            transactions.putResource(WAKE_KEY, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wakeUp();
                    }
                }
            });
        }
        return event;
    }
}
