package app.hearth.insights.service;

import app.hearth.events.Topics;
import app.hearth.platform.messaging.InboxProcessor;
import app.hearth.platform.messaging.KafkaClientConfig;
import app.hearth.platform.messaging.PoisonEventException;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * Rebuilds the facts from the start of the four topics without readers ever seeing empty or partial insights:
 * <ol>
 * <li>one replica at a time: a conditional update of the shared {@code projection_rebuild} row claims the rebuild
 * (a heartbeat older than a minute frees one whose replica died);</li>
 * <li>the facts are built into a shadow schema ({@code facts_rebuild}: the fact tables and an inbox of their own),
 * by running the live projection with {@code search_path} pointing there, while the live consumers go on writing
 * the live tables; erasures stay in force (the erasure ledger is not rebuilt);</li>
 * <li>the switch is one transaction: it locks the live fact tables (readers and the live consumer wait), catches the
 * shadow up to the topics' ends as they are now, then puts the shadow tables and their inbox in place of the live
 * ones. What the live consumer applies after it is deduplicated against the new inbox.</li>
 * </ol>
 */
@ApplicationScoped
public class ProjectionRebuild {
    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    /** The tables a rebuild replaces, all at once. */
    public static final List<String> FACT_TABLES = List.of(
            "couple_fact",
            "check_in_score",
            "check_in_submitted",
            "session_fact",
            "session_rating",
            "plan_day_fact",
            "pause_fact",
            "gentle_period_fact",
            "reminder_fired_fact",
            "vacation_fact",
            "vacation_resume_fact");

    public static final List<String> TOPICS =
            List.of(Topics.COUPLE_EVENTS, Topics.PARTNER_EVENTS, Topics.EXERCISE_EVENTS, Topics.REMINDER_EVENTS);
    static final String SHADOW = "facts_rebuild";

    public enum State {
        IDLE,
        RUNNING,
        DONE,
        FAILED
    }

    public record Status(
            State state,
            @Schema(nullable = true) Instant startedAt,
            @Schema(nullable = true) Instant finishedAt,
            long eventsRead,
            long factsWritten,
            long skipped,
            @Schema(nullable = true) String error) {}

    @Inject
    InboxProcessor inbox;

    @Inject
    FactProjection facts;

    @Inject
    InsightsReadModel readModel;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    Clock clock;

    /** The rebuild as every replica sees it. */
    public Status status() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row =
                    (Object[]) Panache.getEntityManager().createNativeQuery("""
                    select state, started_at, finished_at, events_read, facts_written, skipped, error
                    from public.projection_rebuild where id = 1""").getSingleResult();
            return new Status(
                    State.valueOf((String) row[0]),
                    CoupleFacts.instant(row[1]),
                    CoupleFacts.instant(row[2]),
                    ((Number) row[3]).longValue(),
                    ((Number) row[4]).longValue(),
                    ((Number) row[5]).longValue(),
                    (String) row[6]);
        });
    }

    /** Starts a rebuild in the background on this replica; false if one is running on any replica. */
    public boolean start() {
        Instant now = clock.instant();
        int claimed = QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager()
                        .createNativeQuery("""
                        update public.projection_rebuild set state = 'RUNNING', started_at = ?1, finished_at = null,
                            heartbeat_at = ?1, events_read = 0, facts_written = 0, skipped = 0, error = null
                        where id = 1 and (state <> 'RUNNING' or heartbeat_at < ?2)""")
                        .setParameter(1, utc(now))
                        .setParameter(2, utc(now.minus(Duration.ofMinutes(1))))
                        .executeUpdate());
        if (claimed == 0) {
            return false;
        }
        Thread worker = new Thread(this::run, "projection-rebuild");
        worker.setDaemon(true);
        worker.start();
        return true;
    }

    private void run() {
        long[] counts = {0, 0}; // read, skipped
        try {
            QuarkusTransaction.requiringNew().run(this::createShadow);
            Map<String, Object> props = KafkaClientConfig.groupLessConsumer(kafkaConfig);
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : TOPICS) {
                    consumer.partitionsFor(topic, Duration.ofSeconds(10))
                            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                // The bulk, batch by batch, while everything else goes on as usual.
                readUpTo(consumer, partitions, consumer.endOffsets(partitions), counts, true);
                // The switch, in one transaction.
                long written = QuarkusTransaction.requiringNew().timeout(300).call(() -> {
                    var em = Panache.getEntityManager();
                    em.createNativeQuery("lock table "
                                    + String.join(
                                            ", ",
                                            FACT_TABLES.stream()
                                                    .map(t -> "public." + t)
                                                    .toList()) + " in access exclusive mode")
                            .executeUpdate();
                    readUpTo(consumer, partitions, consumer.endOffsets(partitions), counts, false);
                    return swapIn();
                });
                finish(State.DONE, counts, written, null);
                LOG.infof(
                        "Projection rebuild done: %d events read, %d skipped, %d facts written",
                        counts[0], counts[1], written);
            }
        } catch (RuntimeException e) {
            LOG.error("Projection rebuild failed", e);
            finish(State.FAILED, counts, 0, e.toString());
        }
    }

    /**
     * Applies every record up to {@code end} into the shadow. In bulk, each poll is a transaction of its own (a poison
     * record, dead-lettered when it first arrived, is skipped); in the switch, everything joins its transaction.
     */
    private void readUpTo(
            KafkaConsumer<String, String> consumer,
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> end,
            long[] counts,
            boolean ownTransactions) {
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            List<ConsumerRecord<String, String>> batch = new ArrayList<>();
            Set<TopicPartition> beyond = new HashSet<>();
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(partition)) {
                    batch.add(record);
                } else if (beyond.add(partition)) {
                    consumer.seek(
                            partition, record.offset()); // the first one past the end: the next phase starts there
                }
            }
            counts[0] += batch.size();
            counts[1] += ownTransactions ? applyInOwnTransactions(batch) : applyHere(batch);
            if (ownTransactions) {
                heartbeat(counts);
            }
        }
    }

    private int applyInOwnTransactions(List<ConsumerRecord<String, String>> batch) {
        try {
            QuarkusTransaction.requiringNew().run(() -> applyHere(batch));
            return 0;
        } catch (RuntimeException somePoison) {
            int skipped = 0;
            for (ConsumerRecord<String, String> record : batch) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> applyHere(List.of(record)));
                } catch (RuntimeException poison) {
                    skipped++;
                    LOG.debugf(
                            "rebuild: skipped %s-%d@%d (%s)",
                            record.topic(), record.partition(), record.offset(), poison.toString());
                }
            }
            return skipped;
        }
    }

    /** Applies records in the current transaction, into the shadow; poison (refused before any write) is skipped. */
    private int applyHere(List<ConsumerRecord<String, String>> batch) {
        Panache.getEntityManager()
                .createNativeQuery("set local search_path to " + SHADOW + ", public")
                .executeUpdate();
        int skipped = 0;
        for (ConsumerRecord<String, String> record : batch) {
            try {
                inbox.processIntoShadow(FactProjection.CONSUMER, record.topic(), record.value(), facts::apply);
            } catch (PoisonEventException poison) {
                skipped++;
                LOG.debugf(
                        "rebuild: skipped poison %s-%d@%d: %s",
                        record.topic(), record.partition(), record.offset(), poison.getMessage());
            }
        }
        return skipped;
    }

    private void createShadow() {
        var em = Panache.getEntityManager();
        em.createNativeQuery("drop schema if exists " + SHADOW + " cascade").executeUpdate();
        em.createNativeQuery("create schema " + SHADOW).executeUpdate();
        for (String table : tablesToSwap()) {
            em.createNativeQuery("create table " + SHADOW + "." + table + " (like public." + table + " including all)")
                    .executeUpdate();
        }
    }

    /** Puts the shadow in place of the live tables (inside the switch's transaction); returns the facts written. */
    private long swapIn() {
        var em = Panache.getEntityManager();
        long written = 0;
        for (String table : FACT_TABLES) {
            written += ((Number) em.createNativeQuery("select count(*) from " + SHADOW + "." + table)
                            .getSingleResult())
                    .longValue();
            em.createNativeQuery("drop table public." + table).executeUpdate();
            em.createNativeQuery("alter table " + SHADOW + "." + table + " set schema public")
                    .executeUpdate();
        }
        em.createNativeQuery("delete from public.inbox_event where consumer = ?1")
                .setParameter(1, FactProjection.CONSUMER)
                .executeUpdate();
        em.createNativeQuery(
                        "insert into public.inbox_event select * from " + SHADOW + ".inbox_event where consumer = ?1")
                .setParameter(1, FactProjection.CONSUMER)
                .executeUpdate();
        em.createNativeQuery("drop schema " + SHADOW + " cascade").executeUpdate();
        readModel.invalidateAll();
        return written;
    }

    private static List<String> tablesToSwap() {
        List<String> tables = new ArrayList<>(FACT_TABLES);
        tables.add("inbox_event");
        return tables;
    }

    private void heartbeat(long[] counts) {
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery("""
                        update public.projection_rebuild set heartbeat_at = ?1, events_read = ?2, skipped = ?3 where id = 1""")
                        .setParameter(1, utc(clock.instant()))
                        .setParameter(2, counts[0])
                        .setParameter(3, counts[1])
                        .executeUpdate());
    }

    private void finish(State state, long[] counts, long written, String error) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                var em = Panache.getEntityManager();
                if (state == State.FAILED) {
                    em.createNativeQuery("drop schema if exists " + SHADOW + " cascade")
                            .executeUpdate();
                }
                em.createNativeQuery("""
                                update public.projection_rebuild set state = ?1, finished_at = ?2, heartbeat_at = ?2,
                                    events_read = ?3, skipped = ?4, facts_written = ?5, error = ?6 where id = 1""")
                        .setParameter(1, state.name())
                        .setParameter(2, utc(clock.instant()))
                        .setParameter(3, counts[0])
                        .setParameter(4, counts[1])
                        .setParameter(5, written)
                        .setParameter(6, error)
                        .executeUpdate();
            });
        } catch (RuntimeException e) {
            LOG.error("Projection rebuild: its status could not be recorded", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
