package app.hearth.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of events, fixed here rather than taken from each service's REST mapper, so a REST setting can never
 * change what goes on Kafka. Absent optional fields are omitted; unknown fields are tolerated when reading, because
 * producers may add optional fields before consumers know them.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write event " + envelope.id(), e);
        }
    }

    /** Reads an envelope; throws {@link IllegalArgumentException} for anything that is not one (a poison message). */
    public static EventEnvelope read(String json) {
        try {
            EventEnvelope envelope = MAPPER.readValue(json, EventEnvelope.class);
            if (envelope == null) {
                throw new IllegalArgumentException("empty event");
            }
            return envelope;
        } catch (JsonProcessingException | NullPointerException e) {
            throw new IllegalArgumentException("not a Hearth event: " + e.getMessage(), e);
        }
    }
}
