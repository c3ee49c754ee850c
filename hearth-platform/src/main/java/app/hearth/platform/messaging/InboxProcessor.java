package app.hearth.platform.messaging;

import app.hearth.events.CoupleEvents;
import app.hearth.events.EventCatalogue;
import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.EventMentions;
import app.hearth.events.EventSchemas;
import app.hearth.events.PartnerEvents;
import app.hearth.events.Topics;
import app.hearth.platform.privacy.ErasureLedger;
import app.hearth.platform.privacy.Erasures;
import app.hearth.platform.privacy.EventSealer;
import app.hearth.platform.runtime.Traces;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The shape every Kafka handler of Hearth shares. A record is first read and checked against the event catalogue
 * (envelope, known type and version, data schema, published by the service that owns its topic); one that fails can
 * never apply and is thrown as a
 * {@link PoisonEventException}, which the channel's failure strategy dead-letters. Anything else is applied in one
 * transaction with the inbox (duplicates skipped) and the erasure ledger (events about erased people and purged
 * couples dropped, whichever topic and whenever they arrive); a failure there (database restarting, lock timeout,
 * serialization failure, deadlock, a bug being fixed) is retried in place with capped exponential backoff and never
 * dead-lettered, so an erasure or a revocation cannot be lost. Each channel processes its records one at a time, in
 * order, so a retry holds up only the records behind it on that channel. (SmallRye's per-key concurrency,
 * {@code throttled.ordered=key}, lost records across a rebalance in the broker-freeze drill, so it is not used.)
 */
@ApplicationScoped
public class InboxProcessor {

    @Inject
    Traces traces;

    private static final Logger LOG = Logger.getLogger(InboxProcessor.class);

    @ConfigMapping(prefix = "hearth.events.retry")
    public interface RetryConfig {
        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }

    @Inject
    Inbox inbox;

    @Inject
    ErasureLedger ledger;

    @Inject
    RetryConfig retry;

    @Inject
    Erasures erasures;

    @Inject
    ConsumersLiveness.Attempts liveness;

    @Inject
    EventSealer sealer;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private volatile boolean stopping;

    void stopping(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /**
     * The live path of a {@code @Incoming} method: checks the record, then applies it, retrying transient failures
     * until it applies. Returns normally once applied (or skipped as a duplicate or about someone forgotten).
     */
    public void consume(EventConsumer consumer, ConsumerRecord<String, String> record) {
        // The trace the event was published in goes on here: one trace from the API call to this consumer.
        Span span = traces.startProcess(
                record.topic(), consumer.name(), record.headers(), record.offset(), record.partition());
        try (Scope ignored = span.makeCurrent()) {
            consumeTraced(consumer, record);
        } catch (RuntimeException e) {
            Traces.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void consumeTraced(EventConsumer consumer, ConsumerRecord<String, String> record) {
        EventEnvelope event = checked(record.topic(), record.value());
        String channel = consumer.name() + "/" + record.topic();
        try {
            applyRetrying(consumer, record, event, channel);
        } finally {
            liveness.idle(channel);
        }
    }

    private void applyRetrying(
            EventConsumer consumer, ConsumerRecord<String, String> record, EventEnvelope event, String channel) {
        long attempt = 0;
        Duration backoff = retry.initialBackoff();
        while (true) {
            try {
                liveness.attempting(channel);
                QuarkusTransaction.requiringNew().run(() -> apply(consumer.name(), event, consumer::apply));
                if (attempt > 0) {
                    LOG.infof(
                            "%s: event %s (%s) applied after %d retries",
                            consumer.name(), event.id(), event.type(), attempt);
                }
                return;
            } catch (PoisonEventException poison) {
                throw poison;
            } catch (RuntimeException failure) {
                if (stopping) {
                    // Not acknowledged: the record is read again after the restart.
                    throw new ConsumerStoppingException(failure);
                }
                attempt++;
                metrics.counter("hearth.event.retries", "service", service, "topic", record.topic())
                        .increment();
                LOG.warnf(
                        "%s: event %s (%s) from %s-%d@%d failed (attempt %d), retrying in %d ms: %s",
                        consumer.name(),
                        event.id(),
                        event.type(),
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        attempt,
                        backoff.toMillis(),
                        rootMessage(failure));
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(retry.maxBackoff()) > 0
                        ? retry.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * For dead-letter replays: checks one payload read from {@code topic} (its original topic) as the live path does,
     * then applies it inside the caller's transaction.
     */
    @Transactional
    public boolean process(String consumer, String topic, String payload, Consumer<EventEnvelope> apply) {
        return apply(consumer, checked(topic, payload), apply);
    }

    /**
     * For a rebuild into a shadow of the live tables: the same check, and the erasure ledger read without the subjects'
     * locks. The rebuild applies one event at a time and replays the erasures themselves, so an erasure committing
     * meanwhile is applied to the shadow when its own event is replayed; and a batch, or the switch that catches up
     * while holding the live tables, must not collect a lock per subject (a live consumer holding one while it waits
     * for those tables would deadlock with it).
     */
    @Transactional
    public boolean processIntoShadow(String consumer, String topic, String payload, Consumer<EventEnvelope> apply) {
        return apply(consumer, checked(topic, payload), apply, false);
    }

    /**
     * The one gate every way of applying an event goes through (live, dead-letter replay, rebuild): a valid event of
     * the catalogue, published on its own topic by the service that owns that topic. Anything else can never apply
     * and is thrown as {@link PoisonEventException}.
     */
    public static EventEnvelope checked(String topic, String payload) {
        if (topic == null) {
            throw new PoisonEventException(
                    "the topic it was published on is not known, so its publisher cannot be checked");
        }
        EventEnvelope event = readValid(payload);
        requireOwner(topic, event);
        return event;
    }

    /**
     * Applies an event once: false if this consumer already applied it or it is about someone forgotten. Erasure
     * events are recorded and applied to every part of the service ({@link Erasures}) first, so everything after them
     * about that person or couple is dropped (or, for an event about a couple one of whose members was erased, applied
     * without that member's part).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(String consumer, EventEnvelope event, Consumer<EventEnvelope> apply) {
        return apply(consumer, event, apply, true);
    }

    private boolean apply(String consumer, EventEnvelope event, Consumer<EventEnvelope> apply, boolean lockSubjects) {
        if (!inbox.firstDelivery(consumer, event)) {
            LOG.debugf("%s: event %s (%s) already applied", consumer, event.id(), event.type());
            return false;
        }
        // Locks everyone the event names until this transaction ends: an erasure of one of them still committing on
        // another channel (the topics are not ordered with each other) is waited for and then seen in the ledger.
        ErasureLedger.Forgotten forgotten = lockSubjects
                ? ledger.lockAndFind(EventMentions.of(event))
                : ledger.forgottenIn(EventMentions.of(event));
        if (PartnerEvents.ERASED.type().equals(event.type())) {
            // Applied here, for every part of the service, before any handler sees the event (handlers leave it alone).
            erasures.erasePerson(event.dataAs(PartnerEvents.ERASED).partnerId(), event.time());
        } else if (CoupleEvents.PURGED.type().equals(event.type())) {
            erasures.purgeCouple(
                    UUID.fromString(event.dataAs(CoupleEvents.PURGED).coupleId()), event.time());
        } else {
            if (!forgotten.none()) {
                // A purged couple's events go whole; an erased person's part goes, the others keep theirs.
                Optional<EventEnvelope> kept =
                        forgotten.anyCouple() ? Optional.empty() : EventMentions.without(event, forgotten.people());
                metrics.counter("hearth.events.erased.parts", "service", service)
                        .increment();
                if (kept.isEmpty()) {
                    LOG.debugf(
                            "%s: event %s (%s) is about someone erased: dropped", consumer, event.id(), event.type());
                    return false;
                }
                event = kept.get();
            }
        }
        EventEnvelope opened;
        try {
            opened = sealer.open(event);
        } catch (EventSealer.UnopenablePartException unopenable) {
            // Set aside on the dead-letter topic (counted, alerted, replayable once the key is fixed): retrying in
            // place would stop the channel and everything queued behind it, erasures included.
            throw new PoisonEventException(unopenable.getMessage());
        }
        apply.accept(opened);
        return true;
    }

    /** Reads and checks a record against the catalogue; throws {@link PoisonEventException} if it can never apply. */
    static EventEnvelope readValid(String payload) {
        if (payload == null) {
            throw new PoisonEventException("empty record");
        }
        JsonNode tree;
        try {
            tree = EventJson.mapper().readTree(payload);
        } catch (IOException e) {
            throw new PoisonEventException("not JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new PoisonEventException("not a JSON object");
        }
        List<String> problems = EventSchemas.validateAsConsumer(tree);
        if (!problems.isEmpty()) {
            throw new PoisonEventException("not a valid Hearth event: " + String.join("; ", problems));
        }
        try {
            return EventJson.mapper()
                    .treeToValue(tree, EventEnvelope.class); // the tree already parsed, not the text again
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new PoisonEventException("not a Hearth event: " + e.getMessage());
        }
    }

    /**
     * Only the service that owns a topic may publish on it, and only its own types: anything else (another producer
     * on the broker claiming a CoupleFormed, say) can never apply.
     */
    static void requireOwner(String topic, EventEnvelope event) {
        String owner = Topics.owner(topic);
        if (owner != null && !owner.equals(event.source())) {
            throw new PoisonEventException("event " + event.id() + " on " + topic + " has source '" + event.source()
                    + "', but only " + owner + " publishes there");
        }
        EventCatalogue.byType(event.type())
                .filter(type -> !type.topic().equals(topic))
                .ifPresent(type -> {
                    throw new PoisonEventException("event " + event.id() + " is a " + event.type()
                            + ", which belongs on " + type.topic() + ", not " + topic);
                });
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerStoppingException(e);
        }
    }

    /** Processing was cut short by shutdown: the record is neither applied nor dead-lettered. */
    public static class ConsumerStoppingException extends RuntimeException {
        ConsumerStoppingException(Throwable cause) {
            super("consumer stopping", cause);
        }
    }
}
