package app.hearth.platform.privacy;

import app.hearth.events.EventMentions;
import app.hearth.events.PersonalFields;
import app.hearth.events.Topics;
import app.hearth.platform.messaging.KafkaClientConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every person's data keys, held by the system itself and never by a database. The services whose events carry
 * personal fields ({@link PersonalFields#keyWriters()}: couple-service for names, exercise-service for scores and ratings)
 * each create the keys they seal with on a compacted topic of their own ({@link Topics#personKeys}, record key
 * {@code <person>/<writer>:<uuid>}), wrapped with the wrapping key from configuration; every service reads all of them
 * into memory.
 *
 * <p>Who may change a key: only its writer, and only to erase. Kafka ACLs let each writer write its own topic alone;
 * in every service, a key record whose id names another writer is ignored, a record never replaces a key already
 * known (the first record of an id wins), and a tombstone is honoured only for a person this service's own erasure
 * ledger holds (an erasure it applied from the owner's topic). The writer answers a forged tombstone or replacement of
 * its own key by publishing the key again, so compaction keeps the true one. Erasure drops a person's keys from
 * memory once it commits, and each writer tombstones the keys it wrote; a key read for someone already erased
 * (created in a race with the erasure) is dropped at once and tombstoned by its writer.
 */
@ApplicationScoped
public class PersonKeyring {
    private static final Logger LOG = Logger.getLogger(PersonKeyring.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    @ConfigMapping(prefix = "hearth.keys")
    public interface Config {
        /** Wraps every data key (hashed to an AES-256 key); the same in every service, a secret in production. */
        String wrappingKey();

        /** How long a reader waits for the key topics to catch up before it calls a key gone (or retries later). */
        @WithDefault("10s")
        Duration syncTimeout();
    }

    @Inject
    Config config;

    @Inject
    ErasureLedger ledger;

    @Inject
    SecretKeys secretKeys;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private final Map<String, Map<String, SecretKey>> keys = new ConcurrentHashMap<>();
    /** Key records ({@code person/key id}) this service read but could not unwrap, and how many it could. */
    private final Set<String> unopenable = ConcurrentHashMap.newKeySet();

    private final AtomicLong opened = new AtomicLong();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private volatile List<TopicPartition> partitions = List.of();
    private volatile boolean running;
    private SecretKey wrapping;
    private List<String> topics;
    /** This service's own key topic, or null if it seals nothing. */
    private String ownTopic;

    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> offsets;
    private Thread reader;

    @Inject
    MeterRegistry metrics;

    void start(@Observes StartupEvent event) {
        metrics.gauge("hearth.person.keys.unopenable", unopenable, Set::size);
        for (String outcome : List.of("foreign-id", "replacement", "tombstone")) {
            metrics.counter("hearth.person.keys.refused", "record", outcome); // at 0 from start-up, for the alert
        }
        wrapping = secretKeys.aes("HEARTH_KEY_WRAPPING_KEY", config.wrappingKey());
        topics = PersonalFields.keyWriters().stream().map(Topics::personKeys).toList();
        ownTopic = PersonalFields.keyWriters().contains(service) ? Topics.personKeys(service) : null;
        producer = new KafkaProducer<>(
                KafkaClientConfig.producer(
                        kafkaConfig,
                        Map.of(
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                                10_000)),
                new StringSerializer(),
                new StringSerializer());
        offsets = new KafkaConsumer<>(
                KafkaClientConfig.groupLessConsumer(kafkaConfig), new StringDeserializer(), new StringDeserializer());
        running = true;
        reader = new Thread(this::read, "person-keyring");
        reader.setDaemon(true);
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (reader != null) {
            reader.interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        synchronized (this) {
            if (offsets != null) {
                offsets.close(Duration.ofSeconds(2));
            }
        }
    }

    /**
     * Whether the record of this key was read but could not be unwrapped with this service's wrapping key: the part
     * is not gone (its owner was not erased), this service cannot open it.
     */
    public boolean cannotUnwrap(String person, String keyId) {
        return unopenable.contains(person + "/" + keyId);
    }

    /**
     * True when most key records read could not be unwrapped: this service's {@code HEARTH_KEY_WRAPPING_KEY} is not
     * its peers'. (A few records that do not open, among many that do, are not that; they are counted all the same.)
     */
    public boolean wrappingKeyDiffers() {
        return unopenable.size() > opened.get();
    }

    public int unopenableRecords() {
        return unopenable.size();
    }

    /** The key a part sealed with {@code keyId} for {@code person} opens with, if this service knows it. */
    public Optional<SecretKey> key(String person, String keyId) {
        return Optional.ofNullable(keys.getOrDefault(person, Map.of()).get(keyId));
    }

    /** A key of this service's own to seal the person's data with: one already known, or a new one published first. */
    public SealedParts.KeyRef keyFor(String person) {
        if (ownTopic == null) {
            throw new IllegalStateException(
                    service + " seals nothing (not one of " + PersonalFields.keyWriters() + ")");
        }
        Optional<SealedParts.KeyRef> known = ownKey(person);
        if (known.isEmpty()) {
            awaitCaughtUp(); // another replica may have created it already
            known = ownKey(person);
        }
        if (known.isPresent()) {
            return known.get();
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        SecretKey key = new SecretKeySpec(raw, "AES");
        String keyId = service + ":" + UUID.randomUUID();
        send(person + "/" + keyId, record(person, keyId, key)).join();
        keys.computeIfAbsent(person, p -> new ConcurrentHashMap<>()).put(keyId, key);
        return new SealedParts.KeyRef(keyId, key);
    }

    private Optional<SealedParts.KeyRef> ownKey(String person) {
        return keys.getOrDefault(person, Map.of()).entrySet().stream()
                .filter(e -> e.getKey().startsWith(service + ":"))
                .min(Map.Entry.comparingByKey())
                .map(e -> new SealedParts.KeyRef(e.getKey(), e.getValue()));
    }

    /**
     * The person is being erased: once the surrounding transaction commits (at once without one), their keys leave
     * this service's memory and the keys this service wrote for them are tombstoned. Not before the commit: an erasure
     * rolled back must not have destroyed anything. If the tombstones cannot be written then, this service writes them
     * when it next reads the person's keys (at its next start at the latest), because its ledger holds the person.
     */
    public void forget(String person) {
        if (transactions.getTransactionStatus() == jakarta.transaction.Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                        forgetNow(person);
                    }
                }
            });
        } else {
            forgetNow(person);
        }
    }

    private void forgetNow(String person) {
        Map<String, SecretKey> known = keys.remove(person);
        if (known == null || ownTopic == null) {
            return;
        }
        for (String keyId : known.keySet()) {
            if (keyId.startsWith(service + ":")) {
                send(person + "/" + keyId, null).exceptionally(failed -> {
                    LOG.errorf(
                            "could not tombstone a key on %s (%s); written again at the next read of it",
                            ownTopic, failed.toString());
                    return null;
                });
            }
        }
    }

    /**
     * Waits until this service has read the key topics up to their end as of now, so a key published before an event
     * that needs it is known; throws (a transient failure, retried) if the broker cannot say.
     */
    public void awaitCaughtUp() {
        Map<TopicPartition, Long> end;
        synchronized (this) {
            List<TopicPartition> current = partitions;
            if (current.isEmpty()) {
                throw new IllegalStateException("the key topics " + topics + " are not readable yet");
            }
            // Assigned (never polled) so the client takes the answer as its own: kafka-clients 4.0-4.3 log a WARN
            // for every partition of an end-offsets answer that the consumer has not assigned (KAFKA-20449).
            if (!offsets.assignment().equals(Set.copyOf(current))) {
                offsets.assign(current);
            }
            end = offsets.endOffsets(current, config.syncTimeout());
        }
        long deadline = System.nanoTime() + config.syncTimeout().toNanos();
        while (end.entrySet().stream().anyMatch(e -> positions.getOrDefault(e.getKey(), 0L) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the key topics were not read to their end in " + config.syncTimeout());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private String record(String person, String keyId, SecretKey key) {
        String wrapped = Box.box(
                wrapping,
                (person + "/" + keyId).getBytes(StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(key.getEncoded()));
        return JSON.createObjectNode()
                .put("partnerId", person)
                .put("keyId", keyId)
                .put("wrapped", wrapped)
                .toString();
    }

    /** Writes to this service's own key topic; the future fails if the broker did not take it within 15 s. */
    private CompletableFuture<Void> send(String recordKey, String value) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(ownTopic, recordKey, value), (metadata, failed) -> {
                if (failed == null) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(
                            new IllegalStateException("could not write to " + ownTopic + ": " + failed, failed));
                }
            });
        } catch (RuntimeException e) {
            sent.completeExceptionally(new IllegalStateException("could not write to " + ownTopic + ": " + e, e));
        }
        return sent.orTimeout(15, TimeUnit.SECONDS);
    }

    private void read() {
        while (running) {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                    KafkaClientConfig.groupLessConsumer(kafkaConfig),
                    new StringDeserializer(),
                    new StringDeserializer())) {
                List<TopicPartition> assigned = new ArrayList<>();
                for (String topic : topics) {
                    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                    if (infos != null) {
                        infos.forEach(p -> assigned.add(new TopicPartition(topic, p.partition())));
                    }
                }
                if (assigned.stream().map(TopicPartition::topic).distinct().count() < topics.size()) {
                    Thread.sleep(1000);
                    continue;
                }
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                partitions = List.copyOf(assigned);
                while (running) {
                    List<ConsumerRecord<String, String>> batch = new ArrayList<>();
                    consumer.poll(Duration.ofMillis(200)).forEach(batch::add);
                    if (!batch.isEmpty()) {
                        apply(batch);
                    }
                    for (TopicPartition p : assigned) {
                        positions.put(p, consumer.position(p));
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (InterruptException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("reading %s failed, starting over: %s", topics, e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }
    }

    /** Applies key records in the order they were written (per record key, which is all the order that matters). */
    private void apply(List<ConsumerRecord<String, String>> records) {
        Set<String> people = new HashSet<>();
        records.forEach(r -> {
            int slash = r.key() == null ? -1 : r.key().lastIndexOf('/');
            if (slash > 0) {
                people.add(r.key().substring(0, slash));
            }
        });
        Set<String> erased = people.isEmpty()
                ? Set.of()
                : QuarkusTransaction.requiringNew()
                        .call(() -> ledger.forgottenIn(new EventMentions(people, Set.of()))
                                .people());
        for (ConsumerRecord<String, String> record : records) {
            int slash = record.key() == null ? -1 : record.key().lastIndexOf('/');
            if (slash <= 0) {
                continue;
            }
            String writer = record.topic().substring(Topics.personKeys("").length());
            String person = record.key().substring(0, slash);
            String keyId = record.key().substring(slash + 1);
            if (!PersonalFields.keyWriter(keyId).map(writer::equals).orElse(false)) {
                refused("foreign-id", record, "a key record on %s names a key id another writer owns: ignored");
                continue;
            }
            SecretKey known = key(person, keyId).orElse(null);
            if (record.value() == null) {
                unopenable.remove(record.key());
                if (erased.contains(person)) {
                    dropKey(person, keyId);
                } else if (known != null && keyId.startsWith(service + ":")) {
                    // This service tombstones its keys only after its own erasure committed: this one is forged.
                    refused(
                            "tombstone",
                            record,
                            "a tombstone on %s for someone this service has not erased: the key is kept");
                    defend(person, keyId, known);
                } // else the writer's erasure is ahead of this service's: the key goes when this service applies it

                continue;
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder()
                        .decode(Box.unbox(
                                wrapping,
                                record.key().getBytes(StandardCharsets.UTF_8),
                                JSON.readTree(record.value()).path("wrapped").asText()));
            } catch (Exception e) {
                if (known != null) {
                    refused("replacement", record, "a record on %s would replace a known key: ignored");
                    defend(person, keyId, known);
                } else if (unopenable.add(record.key())) {
                    LOG.errorf(
                            "a key record on %s cannot be unwrapped with this service's HEARTH_KEY_WRAPPING_KEY "
                                    + "(is it its peers'?); parts sealed with it are set aside, not dropped",
                            record.topic());
                }
                continue;
            }
            if (known == null) {
                keys.computeIfAbsent(person, p -> new ConcurrentHashMap<>()).put(keyId, new SecretKeySpec(raw, "AES"));
                unopenable.remove(record.key());
                opened.incrementAndGet();
            } else if (!Arrays.equals(known.getEncoded(), raw)) {
                refused("replacement", record, "a record on %s would replace a known key: ignored");
                defend(person, keyId, known);
            }
        }
        // A key of someone this service already erased (created in a race with the erasure, or not yet tombstoned
        // when this service last stopped) goes at once.
        erased.stream().filter(keys::containsKey).forEach(this::forgetNow);
    }

    private void dropKey(String person, String keyId) {
        Map<String, SecretKey> known = keys.get(person);
        if (known != null) {
            known.remove(keyId);
            if (known.isEmpty()) {
                keys.remove(person, known);
            }
        }
    }

    private void refused(String kind, ConsumerRecord<String, String> record, String message) {
        metrics.counter("hearth.person.keys.refused", "record", kind).increment();
        LOG.warnf(message, record.topic());
    }

    /** A forged tombstone or replacement of a key this service wrote: the true key goes out again, so it is the latest. */
    private void defend(String person, String keyId, SecretKey key) {
        if (ownTopic != null && keyId.startsWith(service + ":")) {
            send(person + "/" + keyId, record(person, keyId, key)).exceptionally(failed -> {
                LOG.errorf("could not publish a key again on %s: %s", ownTopic, failed.toString());
                return null;
            });
        }
    }
}
