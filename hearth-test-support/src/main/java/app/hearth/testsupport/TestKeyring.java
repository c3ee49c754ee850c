package app.hearth.testsupport;

import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.PersonalFields;
import app.hearth.events.Topics;
import app.hearth.platform.privacy.Box;
import app.hearth.platform.privacy.SealedParts;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The person keys on the test broker's key topics as they are now (read from their start to their end, tombstones
 * applied, the latest record of each key winning as compaction would keep it), unwrapped with the local wrapping key:
 * what any holder of the wrapping key could still open.
 */
public final class TestKeyring {
    public static final List<String> TOPICS =
            PersonalFields.keyWriters().stream().map(Topics::personKeys).toList();
    private static final String LOCAL_WRAPPING_KEY = "local-only-key-wrapping-key";
    private final Map<String, SecretKey> keys = new HashMap<>();

    private TestKeyring() {}

    /** Reads the key topic now. */
    public static TestKeyring read() {
        TestInfrastructure.ensureRunning();
        TestKeyring ring = new TestKeyring();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.KAFKA_BOOTSTRAP);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            SecretKey wrapping = new SecretKeySpec(
                    MessageDigest.getInstance("SHA-256").digest(LOCAL_WRAPPING_KEY.getBytes(StandardCharsets.UTF_8)),
                    "AES");
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        ring.keys.remove(record.key());
                        continue;
                    }
                    JsonNode node = EventJson.mapper().readTree(record.value());
                    try {
                        byte[] raw = Base64.getDecoder()
                                .decode(Box.unbox(
                                        wrapping,
                                        record.key().getBytes(StandardCharsets.UTF_8),
                                        node.path("wrapped").asText()));
                        ring.keys.put(record.key(), new SecretKeySpec(raw, "AES"));
                    } catch (GeneralSecurityException wrappedWithAnotherKey) {
                        ring.keys.remove(record.key()); // nobody holding the local wrapping key can open it
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + TOPICS + ": " + e.getMessage(), e);
        }
        return ring;
    }

    public boolean hasKeysOf(String person) {
        return keys.keySet().stream().anyMatch(k -> k.startsWith(person + "/"));
    }

    /** The ids of the person's keys on the topics now. */
    public List<String> keyIdsOf(String person) {
        return keys.keySet().stream()
                .filter(k -> k.startsWith(person + "/"))
                .map(k -> k.substring(person.length() + 1))
                .sorted()
                .toList();
    }

    public Optional<SecretKey> key(String person, String keyId) {
        return Optional.ofNullable(keys.get(person + "/" + keyId));
    }

    /** An event as a consumer holding these keys sees it: sealed parts opened, parts whose key is gone left out. */
    public EventEnvelope open(String eventJson) {
        return SealedParts.open(EventJson.read(eventJson), this::key);
    }
}
