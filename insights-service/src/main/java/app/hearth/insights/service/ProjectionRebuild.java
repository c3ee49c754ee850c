package app.hearth.insights.service;

import app.hearth.events.Topics;
import app.hearth.platform.inbox.InboxProcessor;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds the facts from the start of the four topics: empties the fact tables and the facts' inbox, then reads
 * every partition from its first offset up to where it ended when the rebuild began, applying each event as the live
 * consumers do (the live consumers keep running; the inbox makes whichever comes first win). Erasures stay in force:
 * "forgotten" is not emptied. Poison records were dead-lettered when they first arrived and are skipped here.
 */
@ApplicationScoped
public class ProjectionRebuild {
    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    static final List<String> FACT_TABLES = List.of("couple_fact", "check_in_score", "check_in_submitted", "session_fact",
            "session_rating", "plan_day_fact", "pause_fact", "reminder_fired_fact", "vacation_fact");
    public static final List<String> TOPICS = List.of(Topics.COUPLE_EVENTS, Topics.PARTNER_EVENTS, Topics.EXERCISE_EVENTS,
            Topics.REMINDER_EVENTS);

    public enum State { IDLE, RUNNING, DONE, FAILED }

    public record Status(State state, Instant startedAt, Instant finishedAt, long eventsRead, long skipped, String error) {
    }

    @Inject
    InboxProcessor inbox;

    @Inject
    FactProjection facts;

    @Inject
    Clock clock;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final AtomicReference<Status> status = new AtomicReference<>(new Status(State.IDLE, null, null, 0, 0, null));

    public Status status() {
        return status.get();
    }

    /** Starts a rebuild in the background; false if one is already running. */
    public boolean start() {
        Status current = status.get();
        if (current.state() == State.RUNNING
                || !status.compareAndSet(current, new Status(State.RUNNING, clock.instant(), null, 0, 0, null))) {
            return false;
        }
        Thread worker = new Thread(this::run, "projection-rebuild");
        worker.setDaemon(true);
        worker.start();
        return true;
    }

    /**
     * Applies a poll's records in one transaction (a replay is mostly inserts); if one of them fails, the batch is
     * rolled back and applied one by one, skipping the poison. Returns how many were skipped.
     */
    private int applyAll(List<ConsumerRecord<String, String>> batch) {
        try {
            QuarkusTransaction.requiringNew().run(() ->
                    batch.forEach(record -> inbox.process(FactProjection.CONSUMER, record.value(), facts::apply)));
            return 0;
        } catch (RuntimeException somePoison) {
            int skipped = 0;
            for (ConsumerRecord<String, String> record : batch) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> inbox.process(FactProjection.CONSUMER, record.value(), facts::apply));
                } catch (RuntimeException poison) {
                    skipped++;
                    LOG.debugf("rebuild: skipped %s-%d@%d (%s)", record.topic(), record.partition(), record.offset(), poison.toString());
                }
            }
            return skipped;
        }
    }

    private void run() {
        Instant started = status.get().startedAt();
        long read = 0;
        long skipped = 0;
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                var em = Panache.getEntityManager();
                em.createNativeQuery("truncate " + String.join(", ", FACT_TABLES)).executeUpdate();
                em.createNativeQuery("delete from inbox_event where consumer = ?1").setParameter(1, FactProjection.CONSUMER)
                        .executeUpdate();
            });
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : TOPICS) {
                    consumer.partitionsFor(topic, Duration.ofSeconds(10)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    List<ConsumerRecord<String, String>> batch = new ArrayList<>();
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                            batch.add(record); // later records arrived after the rebuild began: the live consumer has them
                        }
                    }
                    read += batch.size();
                    skipped += applyAll(batch);
                    status.set(new Status(State.RUNNING, started, null, read, skipped, null));
                }
            }
            status.set(new Status(State.DONE, started, clock.instant(), read, skipped, null));
            LOG.infof("Projection rebuild done: %d events read, %d skipped", read, skipped);
        } catch (RuntimeException e) {
            LOG.error("Projection rebuild failed", e);
            status.set(new Status(State.FAILED, started, clock.instant(), read, skipped, e.toString()));
        }
    }
}
