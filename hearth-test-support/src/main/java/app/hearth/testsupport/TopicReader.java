package app.hearth.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic of the real test broker from its end at the moment of creation, so a test sees only what happens
 * after it opened the reader. Not a consumer group member: nothing it reads is committed.
 */
public final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicReader(String topic) {
        this(topic, false);
    }

    /** Reads the whole topic, from its first offset (to replay what is on it). */
    public static TopicReader fromBeginning(String topic) {
        return new TopicReader(topic, true);
    }

    private TopicReader(String topic, boolean fromBeginning) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.KAFKA_BOOTSTRAP);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // resolve the end offsets now, before the test acts
    }

    /** Waits until {@code count} records match, returning them in the order the broker gave them. */
    public List<ConsumerRecord<String, String>> await(
            Predicate<ConsumerRecord<String, String>> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<String, String>> matching =
                    seen.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " matching records within " + timeout + ", got "
                        + matching.size() + " (of " + seen.size() + " read)");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
    }

    /** Reads whatever arrives within {@code duration}; returns everything read so far. */
    public List<ConsumerRecord<String, String>> pollFor(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        do {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        } while (System.nanoTime() < deadline);
        return seen();
    }

    /** Everything read so far. */
    public List<ConsumerRecord<String, String>> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
