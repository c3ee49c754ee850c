package app.hearth.platform.messaging;

import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.EventType;
import app.hearth.platform.runtime.Traces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

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

    @Inject
    Traces traces;

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
        Map<String, String> trace = traces.current();
        row.traceParent = trace.get(Traces.TRACEPARENT);
        row.traceState = trace.get(Traces.TRACESTATE);
        entityManager.persist(row);
        wakeRelayOnCommit();
        return event;
    }

    /** An event about {@code subject} for {@link #publishAll}. */
    public record Keyed<T>(String subject, T data) {}

    /**
     * Appends many events of one type in one JDBC batch, in list order (for hot paths such as firing a batch of
     * reminders; {@link #publish} inserts one row per round trip because the sequence is the commit order).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> void publishAll(EventType<T> type, List<Keyed<T>> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, String> trace = traces.current();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at, trace_parent, trace_state)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (Keyed<T> keyed : events) {
                    EventEnvelope event = EventEnvelope.create(type, "/" + service, keyed.subject(), keyed.data());
                    insert.setObject(1, event.id());
                    insert.setString(2, type.topic());
                    insert.setString(3, keyed.subject());
                    insert.setString(4, type.type());
                    insert.setString(5, EventJson.write(event));
                    insert.setObject(6, OffsetDateTime.ofInstant(event.time(), ZoneOffset.UTC));
                    insert.setString(7, trace.get(Traces.TRACEPARENT));
                    insert.setString(8, trace.get(Traces.TRACESTATE));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        wakeRelayOnCommit();
    }

    private void wakeRelayOnCommit() {
        if (transactions.getResource(WAKE_KEY) == null) {
            transactions.putResource(WAKE_KEY, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wakeUp();
                    }
                }
            });
        }
    }
}
