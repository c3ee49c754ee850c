package app.hearth.platform.messaging;

import app.hearth.platform.privacy.EventSealer;
import app.hearth.platform.runtime.Heartbeats;
import app.hearth.platform.runtime.Traces;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in commit-sequence order, then deletes them.
 *
 * <p>Why hand-written: Debezium's outbox routing needs Kafka Connect and logical replication, which this project does
 * not run; a relay in the shared platform module gives every service the same behaviour. Guarantees:
 * <ul>
 *   <li>Nothing lost: a row is deleted only in the transaction that follows the broker's acknowledgement (acks=all,
 *       idempotent producer). If the broker is down, rows wait and the relay retries with backoff.</li>
 *   <li>Order per key: one relay at a time per database (a transaction-scoped advisory lock), rows sent in sequence
 *       order on one producer, which keeps order within a partition. Writers lock the aggregate before appending, so
 *       sequence order is commit order for any one key.</li>
 *   <li>At least once: a crash between acknowledgement and delete republishes; consumers deduplicate on the event id.</li>
 *   <li>Latency: a commit that wrote events wakes the relay at once; polling is only the safety net.</li>
 *   <li>Privacy: personal fields (names, scores) are sealed with each person's own key just before they leave
 *       ({@link EventSealer}); erasure destroys the key, and with it every copy on the broker.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key for "the relay of this database" (each service owns its database). */
    private static final long RELAY_LOCK = 0x4845415254484fL;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxConfig config;

    @Inject
    EventSealer sealer;

    @Inject
    MeterRegistry registry;

    @Inject
    Traces traces;

    @Inject
    Heartbeats heartbeats;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running;
    private volatile Thread worker;
    private KafkaProducer<String, String> producer;
    private Instant statsRefreshedAt = Instant.EPOCH;

    void start(@Observes StartupEvent event) {
        Gauge.builder("hearth.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox events not yet published to Kafka")
                .register(registry);
        Gauge.builder("hearth.outbox.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0)
                .baseUnit("seconds")
                .description("Age of the oldest unpublished outbox event")
                .register(registry);
        Gauge.builder("hearth.outbox.published", published, AtomicLong::get)
                .description("Outbox events published by this replica since it started")
                .register(registry);
        if (!config.relayEnabled()) {
            LOG.info("outbox relay disabled on this replica");
            return;
        }
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            wake.release();
            try {
                thread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Asks the relay to look for new rows now (called after a commit that wrote events). */
    public void wakeUp() {
        wake.release();
    }

    /**
     * The application's {@code kafka.*} client settings (bootstrap servers and, in a cluster, security protocol, SASL
     * or TLS credentials: the same the messaging channels use), plus what the relay needs of its own producer.
     */
    private Map<String, Object> producerConfig() {
        int sendTimeout = (int) config.sendTimeout().toMillis();
        return KafkaClientConfig.producer(
                kafkaConfig,
                Map.of(
                        ProducerConfig.CLIENT_ID_CONFIG,
                        service + "-outbox",
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                        5,
                        ProducerConfig.LINGER_MS_CONFIG,
                        0,
                        // Bounded waits: while the broker is away the relay retries whole batches from the table
                        // instead.
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        sendTimeout,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        Math.min(sendTimeout, 5000),
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        sendTimeout));
    }

    private void run() {
        long backoffMillis = 100;
        while (running) {
            // Each turn of the loop, sending or backing off, shows the relay is alive (a hung one makes us unready).
            heartbeats.beat("outbox-relay", config.stuckAfter());
            try {
                int sent = drainOnce();
                backoffMillis = 100;
                refreshStats(false);
                if (sent >= config.batchSize()) {
                    continue; // more is waiting
                }
                wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("outbox relay could not publish (retrying in %d ms): %s", backoffMillis, e.toString());
                refreshStats(true);
                sleepQuietly(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, config.maxBackoff().toMillis());
            }
        }
    }

    private record Row(
            long seq,
            String topic,
            String key,
            String type,
            String eventId,
            String payload,
            String traceParent,
            String traceState) {
        /** The trace the event was written in, as the W3C fields the propagator reads. */
        Map<String, String> trace() {
            Map<String, String> fields = new HashMap<>();
            if (traceParent != null) {
                fields.put(Traces.TRACEPARENT, traceParent);
            }
            if (traceState != null) {
                fields.put(Traces.TRACESTATE, traceState);
            }
            return fields;
        }
    }

    /** Publishes one batch; returns how many rows it published (0 when another replica holds the relay lock). */
    int drainOnce() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryLock(connection)) {
                    connection.rollback();
                    return 0;
                }
                List<Row> rows = read(connection);
                if (rows.isEmpty()) {
                    connection.rollback();
                    return 0;
                }
                List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
                List<Span> spans = new ArrayList<>(rows.size());
                try {
                    for (Row row : rows) {
                        ProducerRecord<String, String> record = new ProducerRecord<>(
                                row.topic(), null, row.key(), sealer.seal(row.type(), row.payload(), connection));
                        record.headers()
                                .add(new RecordHeader(
                                        "content-type",
                                        "application/cloudevents+json".getBytes(StandardCharsets.UTF_8)));
                        record.headers()
                                .add(new RecordHeader("ce_type", row.type().getBytes(StandardCharsets.UTF_8)));
                        record.headers()
                                .add(new RecordHeader("ce_id", row.eventId().getBytes(StandardCharsets.UTF_8)));
                        // The trace the event was written in goes on with the record (traceparent header).
                        spans.add(traces.startPublish(
                                row.trace(), row.topic(), row.eventId(), row.type(), record.headers()));
                        acks.add(producer.send(record));
                    }
                    long deadline = System.nanoTime() + config.sendTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
                    for (Future<RecordMetadata> ack : acks) {
                        ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    }
                } catch (Exception e) {
                    spans.forEach(span -> Traces.failed(span, e));
                    throw e;
                } finally {
                    spans.forEach(Span::end);
                }
                try (PreparedStatement delete =
                        connection.prepareStatement("delete from outbox_event where seq = any (?)")) {
                    delete.setArray(
                            1,
                            connection.createArrayOf(
                                    "bigint", rows.stream().map(Row::seq).toArray()));
                    delete.executeUpdate();
                }
                connection.commit();
                published.addAndGet(rows.size());
                return rows.size();
            } catch (Exception e) {
                safeRollback(connection);
                throw e;
            }
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private List<Row> read(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select seq, topic, event_key, event_type, event_id, payload, trace_parent, trace_state from outbox_event "
                        + "order by seq limit ?")) {
            select.setInt(1, config.batchSize());
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8)));
                }
            }
            return rows;
        }
    }

    /** Backlog gauges come from the table (every replica sees the same), refreshed at most every few seconds. */
    private void refreshStats(boolean force) {
        Instant now = Instant.now();
        if (!force && now.isBefore(statsRefreshedAt.plusSeconds(5))) {
            return;
        }
        statsRefreshedAt = now;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement stats =
                        connection.prepareStatement("select count(*), min(created_at) from outbox_event");
                ResultSet rs = stats.executeQuery()) {
            if (rs.next()) {
                backlog.set(rs.getLong(1));
                Timestamp oldest = rs.getTimestamp(2);
                oldestAgeMillis.set(oldest == null ? 0 : Math.max(0, now.toEpochMilli() - oldest.getTime()));
            }
        } catch (SQLException e) {
            LOG.debugf("could not refresh outbox stats: %s", e.getMessage());
        }
    }

    private static void safeRollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is discarded anyway
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
