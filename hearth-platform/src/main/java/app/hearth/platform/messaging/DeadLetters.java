package app.hearth.platform.messaging;

import app.hearth.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * The service's dead-letter topic, for operators: what is on it, and a replay that feeds every record back to each
 * local consumer of its original topic through the inbox, so replaying twice (or a record that was already applied)
 * changes nothing. Records that still cannot apply stay where they are and are counted.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Any
    Instance<EventConsumer> consumers;

    @Inject
    InboxProcessor inbox;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    public record DeadLetter(
            String originalTopic,
            @Schema(nullable = true) Integer originalPartition,
            @Schema(nullable = true) Long originalOffset,
            @Schema(nullable = true) String key,
            int partition,
            long offset,
            Instant deadLetteredAt,
            @Schema(nullable = true) String reason) {}

    public record ReplayResult(String topic, int read, int applied, int alreadyApplied, int stillUnreadable) {}

    public String topic() {
        return Topics.deadLetter(service);
    }

    /** What is on the dead-letter topic now (metadata only: payloads may hold personal data). */
    public List<DeadLetter> list() {
        List<DeadLetter> letters = new ArrayList<>();
        readAll(record -> letters.add(new DeadLetter(
                header(record, KafkaDeadLetterQueue.DEAD_LETTER_TOPIC),
                number(header(record, KafkaDeadLetterQueue.DEAD_LETTER_PARTITION), Integer::valueOf),
                number(header(record, KafkaDeadLetterQueue.DEAD_LETTER_OFFSET), Long::valueOf),
                record.key(),
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                header(record, KafkaDeadLetterQueue.DEAD_LETTER_REASON))));
        return letters;
    }

    /** Feeds every dead letter present now back to the consumers of its original topic. */
    public ReplayResult replay() {
        int[] tally = new int[4];
        readAll(record -> {
            tally[0]++;
            String original = header(record, KafkaDeadLetterQueue.DEAD_LETTER_TOPIC);
            try {
                // The same gate as the live path: a forged event (a non-owner's PartnerErased, say) stays refused.
                InboxProcessor.checked(original, record.value());
            } catch (PoisonEventException stillPoison) {
                tally[3]++;
                return;
            }
            boolean applied = false;
            try {
                for (EventConsumer consumer : consumers) {
                    if (consumer.topics().contains(original)) {
                        applied |= QuarkusTransaction.requiringNew()
                                .call(() -> inbox.process(consumer.name(), original, record.value(), consumer::apply));
                    }
                }
            } catch (PoisonEventException stillPoison) { // a part sealed with a key this service still cannot unwrap
                tally[3]++;
                return;
            }
            tally[applied ? 1 : 2]++;
        });
        LOG.infof(
                "Dead letters of %s replayed: %d read, %d applied, %d already applied, %d still unreadable",
                topic(), tally[0], tally[1], tally[2], tally[3]);
        return new ReplayResult(topic(), tally[0], tally[1], tally[2], tally[3]);
    }

    private void readAll(Consumer<ConsumerRecord<String, String>> each) {
        if (consumers.isUnsatisfied()) {
            return; // this service consumes nothing, so it has no dead letters
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KafkaClientConfig.groupLessConsumer(kafkaConfig), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        each.accept(record);
                    }
                }
            }
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <T> T number(String value, Function<String, T> parse) {
        try {
            return value == null ? null : parse.apply(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
