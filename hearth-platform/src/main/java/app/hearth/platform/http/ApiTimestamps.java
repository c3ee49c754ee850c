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
import java.time.format.DateTimeFormatterBuilder;

/**
 * Every timestamp an answer carries is written one way: exactly six fractional digits, PostgreSQL's precision; an
 * instant in UTC ({@code 2026-12-07T08:56:25.120000Z}), a local time with its offset
 * ({@code 2026-12-07T09:56:25.120000+01:00}). Jackson's default drops trailing zero groups and would write nanoseconds a
 * stored value no longer has, so the same moment could read differently when written and when read.
 */
@Singleton
public class ApiTimestamps implements ObjectMapperCustomizer {

    /** The pattern the contract gives every date-time an answer carries. */
    public static final String PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}(Z|[+-]\\d{2}:\\d{2})$";

    private static final DateTimeFormatter INSTANT =
            new DateTimeFormatterBuilder().appendInstant(6).toFormatter();
    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss.SSSSSS")
            .appendOffsetId()
            .toFormatter();

    /** The instant as answers write it (truncated to microseconds). */
    public static String format(Instant instant) {
        return INSTANT.format(instant);
    }

    /** The local time and offset as answers write them (truncated to microseconds). */
    public static String format(OffsetDateTime time) {
        return WITH_OFFSET.format(time);
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
