package app.hearth.platform.crypto;

import app.hearth.events.EventMentions;
import app.hearth.events.Sealing;
import app.hearth.platform.erasure.ErasureLedger;
import app.hearth.platform.kafka.KafkaClientConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every person's data keys, held by the system itself: a compacted topic ({@code hearth-person-keys}, record key
 * {@code <person>/<key id>}) of keys wrapped with the wrapping key from configuration (a Kubernetes secret in
 * production), read by every service into memory. Any service may create a person's key when it first seals
 * something of theirs; erasure writes tombstones, so the keys go from the topic and from every service's memory, and
 * a key seen for someone already in this service's erasure ledger is tombstoned at once (a key created in a race with
 * the erasure). The database never holds a data key.
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

        @WithDefault("hearth-person-keys")
        String topic();

        /** How long a reader waits for the key topic to catch up before it calls a key gone (or retries later). */
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
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private final Map<String, Map<String, SecretKey>> keys = new ConcurrentHashMap<>();
    /** Key records ({@code person/key id}) this service read but could not unwrap, and how many it could. */
    private final Set<String> unopenable = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong opened = new java.util.concurrent.atomic.AtomicLong();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private volatile List<TopicPartition> partitions = List.of();
    private volatile boolean running;
    private SecretKey wrapping;
    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> offsets;
    private Thread reader;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    void start(@Observes StartupEvent event) {
        metrics.gauge("hearth.person.keys.unopenable", unopenable, Set::size);
        wrapping = secretKeys.aes("HEARTH_KEY_WRAPPING_KEY", config.wrappingKey());
        producer = new KafkaProducer<>(KafkaClientConfig.producer(kafkaConfig, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000)),
                new StringSerializer(), new StringSerializer());
        offsets = new KafkaConsumer<>(KafkaClientConfig.groupLessConsumer(kafkaConfig), new StringDeserializer(),
                new StringDeserializer());
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

    /** A key to seal the person's data with: one already known, or a new one published before it is used. */
    public Sealing.KeyRef keyFor(String person) {
        Map<String, SecretKey> known = keys.get(person);
        if (known == null || known.isEmpty()) {
            awaitCaughtUp(); // someone else may have created it already
            known = keys.get(person);
        }
        if (known != null && !known.isEmpty()) {
            String keyId = known.keySet().stream().sorted().findFirst().orElseThrow();
            return new Sealing.KeyRef(keyId, known.get(keyId));
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        SecretKey key = new SecretKeySpec(raw, "AES");
        String keyId = UUID.randomUUID().toString();
        String wrapped = Sealing.box(wrapping, (person + "/" + keyId).getBytes(StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(raw));
        send(person + "/" + keyId, JSON.createObjectNode().put("partnerId", person).put("keyId", keyId).put("wrapped", wrapped).toString());
        keys.computeIfAbsent(person, p -> new ConcurrentHashMap<>()).put(keyId, key);
        return new Sealing.KeyRef(keyId, key);
    }

    /** Destroys every key of the person this service knows: tombstones on the topic, and gone from memory. */
    public void destroy(String person) {
        Map<String, SecretKey> known = keys.remove(person);
        if (known != null) {
            for (String keyId : known.keySet()) {
                send(person + "/" + keyId, null);
            }
        }
    }

    /**
     * Waits until this service has read the key topic up to its end as of now, so a key published before an event
     * that needs it is known; throws (a transient failure, retried) if the broker cannot say.
     */
    public void awaitCaughtUp() {
        Map<TopicPartition, Long> end;
        synchronized (this) {
            List<TopicPartition> current = partitions;
            if (current.isEmpty()) {
                throw new IllegalStateException("the key topic " + config.topic() + " is not readable yet");
            }
            end = offsets.endOffsets(current, config.syncTimeout());
        }
        long deadline = System.nanoTime() + config.syncTimeout().toNanos();
        while (end.entrySet().stream().anyMatch(e -> positions.getOrDefault(e.getKey(), 0L) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the key topic was not read to its end in " + config.syncTimeout());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void send(String recordKey, String value) {
        try {
            producer.send(new ProducerRecord<>(config.topic(), recordKey, value)).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + config.topic() + ": " + e, e);
        }
    }

    private void read() {
        while (running) {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaClientConfig.groupLessConsumer(kafkaConfig),
                    new StringDeserializer(), new StringDeserializer())) {
                List<PartitionInfo> infos = consumer.partitionsFor(config.topic(), Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    Thread.sleep(1000);
                    continue;
                }
                List<TopicPartition> assigned = infos.stream().map(p -> new TopicPartition(config.topic(), p.partition())).toList();
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                partitions = assigned;
                while (running) {
                    Map<String, String> latest = new HashMap<>();
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        latest.put(record.key(), record.value());
                    }
                    apply(latest);
                    for (TopicPartition p : assigned) {
                        positions.put(p, consumer.position(p));
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("reading %s failed, starting over: %s", config.topic(), e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }
    }

    private void apply(Map<String, String> records) {
        Set<String> added = new HashSet<>();
        records.forEach((recordKey, value) -> {
            int slash = recordKey.lastIndexOf('/');
            if (slash < 0) {
                return;
            }
            String person = recordKey.substring(0, slash);
            String keyId = recordKey.substring(slash + 1);
            if (value == null) {
                unopenable.remove(recordKey);
                Map<String, SecretKey> known = keys.get(person);
                if (known != null) {
                    known.remove(keyId);
                    if (known.isEmpty()) {
                        keys.remove(person, known);
                    }
                }
                return;
            }
            try {
                JsonNode node = JSON.readTree(value);
                byte[] raw = Base64.getDecoder().decode(Sealing.unbox(wrapping, recordKey.getBytes(StandardCharsets.UTF_8),
                        node.path("wrapped").asText()));
                keys.computeIfAbsent(person, p -> new ConcurrentHashMap<>()).put(keyId, new SecretKeySpec(raw, "AES"));
                unopenable.remove(recordKey);
                opened.incrementAndGet();
                added.add(person);
            } catch (Exception e) {
                if (unopenable.add(recordKey)) {
                    LOG.errorf("a key record on %s cannot be unwrapped with this service's HEARTH_KEY_WRAPPING_KEY "
                            + "(is it its peers'?); parts sealed with it are set aside, not dropped", config.topic());
                }
            }
        });
        if (!added.isEmpty()) {
            // A key of someone this service already erased (created in a race with the erasure) goes at once.
            Set<String> erased = QuarkusTransaction.requiringNew().call(() ->
                    ledger.forgottenIn(new EventMentions(added, Set.of())).people());
            erased.forEach(this::destroy);
        }
    }
}
