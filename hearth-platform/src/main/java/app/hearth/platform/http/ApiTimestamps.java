package app.hearth.platform.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Every timestamp an answer carries has one precision: microseconds, PostgreSQL's, so a moment reads the same when it
 * is written and when it is read back. Written as ISO 8601 as before (an instant in UTC, {@code 08:56:25Z},
 * {@code 08:56:25.120Z}, {@code 08:56:25.120001Z}; a local time with its offset), never with more than six fractional
 * digits. The clock already ticks in microseconds (ClockProducer); this also truncates what came from elsewhere (a
 * request's instant, say) before it is answered.
 */
@Singleton
public class ApiTimestamps implements ObjectMapperCustomizer {

    /** The pattern the contract gives every date-time an answer carries: at most six fractional digits. */
    public static final String PATTERN =
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?(Z|[+-]\\d{2}:\\d{2})$";

    /** The instant as answers write it. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** The local time and offset as answers write them. */
    public static String format(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.truncatedTo(ChronoUnit.MICROS));
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("api-timestamps")
                .addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
                    @Override
                    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
                            throws IOException {
                        generator.writeString(format(value));
                    }
                })
                .addSerializer(OffsetDateTime.class, new StdSerializer<>(OffsetDateTime.class) {
                    @Override
                    public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider)
                            throws IOException {
                        generator.writeString(format(value));
                    }
                }));
    }
}
