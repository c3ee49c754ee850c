package app.hearth.platform.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Client settings for the Kafka clients Hearth creates itself (dead-letter replay, the keyring), built from the
 * application's {@code kafka.*} configuration so that bootstrap servers and security settings are said once.
 */
public final class KafkaClientConfig {

    private KafkaClientConfig() {}

    /** A consumer outside any group that reads from the start and commits nothing (it assigns partitions itself). */
    public static Map<String, Object> groupLessConsumer(Map<String, Object> kafka) {
        Map<String, Object> props = only(kafka, ConsumerConfig.configNames());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    /** A producer, with what the caller adds (acks, idempotence, ...). */
    public static Map<String, Object> producer(Map<String, Object> kafka, Map<String, Object> extra) {
        Map<String, Object> props = only(kafka, ProducerConfig.configNames());
        props.putAll(extra);
        return props;
    }

    private static Map<String, Object> only(Map<String, Object> kafka, Set<String> names) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.keySet().removeIf(k -> !names.contains(k));
        return props;
    }
}
