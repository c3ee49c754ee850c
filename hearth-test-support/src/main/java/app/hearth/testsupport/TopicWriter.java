package app.hearth.testsupport;

import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.EventType;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records to the real test broker, standing in for another service (or for a poison message). */
public final class TopicWriter {

    private TopicWriter() {}

    /** Publishes a new event to its type's topic, keyed by its subject, as Hearth's outbox relay does. */
    public static <T> EventEnvelope publish(EventType<T> type, String source, String subject, T data) {
        EventEnvelope event = EventEnvelope.create(type, source, subject, data);
        send(type.topic(), subject, EventJson.write(event));
        return event;
    }

    public static void send(String topic, String key, String value) {
        TestInfrastructure.ensureRunning();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfrastructure.KAFKA_BOOTSTRAP, "acks", "all"),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send to " + topic + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One producer for many events (a drill's steady stream), instead of one per event. */
    public static Session session() {
        TestInfrastructure.ensureRunning();
        return new Session(new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfrastructure.KAFKA_BOOTSTRAP, "acks", "all"),
                new StringSerializer(),
                new StringSerializer()));
    }

    public record Session(KafkaProducer<String, String> producer) implements AutoCloseable {
        public <T> EventEnvelope publish(EventType<T> type, String source, String subject, T data) {
            EventEnvelope event = EventEnvelope.create(type, source, subject, data);
            try {
                producer.send(new ProducerRecord<>(type.topic(), subject, EventJson.write(event)))
                        .get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "could not send to " + type.topic() + ": " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return event;
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
