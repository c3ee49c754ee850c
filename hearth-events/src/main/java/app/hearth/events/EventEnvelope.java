package app.hearth.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the Kafka record value. {@code subject} is the aggregate the event
 * is about (couple or partner id) and equals the record key.
 */
public record EventEnvelope(
        String specversion,
        UUID id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
    }

    /** A new event with a fresh id, stamped now. */
    public static <T> EventEnvelope create(EventType<T> type, String source, String subject, T data) {
        return new EventEnvelope(
                SPEC_VERSION,
                UUID.randomUUID(),
                source,
                type.type(),
                subject,
                Instant.now().truncatedTo(ChronoUnit.MICROS), // what PostgreSQL keeps
                "application/json",
                EventJson.mapper().valueToTree(data));
    }

    /** The data as the record of its type. */
    public <T> T dataAs(EventType<T> type) {
        if (!type.type().equals(this.type)) {
            throw new IllegalArgumentException("event " + id + " is " + this.type + ", not " + type.type());
        }
        try {
            return EventJson.mapper().treeToValue(data, type.dataClass());
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "event " + id + " of type " + this.type + " has unreadable data: " + e.getMessage(), e);
        }
    }
}
