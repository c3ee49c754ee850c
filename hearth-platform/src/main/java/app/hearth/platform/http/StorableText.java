package app.hearth.platform.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Every string of every request body must be text PostgreSQL can store: no NUL (its {@code text} refuses it, which
 * was a 500) and no unpaired UTF-16 surrogate (the driver would store '?' in its place, silently changing what the
 * person wrote). Such a string is refused while the body is read, as a 400 naming the field ({@link ProblemMappers}).
 */
@Singleton
public class StorableText implements ObjectMapperCustomizer {

    /** Thrown for a string that cannot be stored as it is. */
    public static final class UnstorableTextException extends InvalidFormatException {
        UnstorableTextException(JsonParser parser, String what) {
            super(parser, "the text contains " + what, null, String.class);
        }
    }

    /** What in {@code text} cannot be stored ("a NUL character", ...), or null if all of it can. */
    public static String unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "a NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "an unpaired surrogate (\\u" + Integer.toHexString(c) + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "an unpaired surrogate (\\u" + Integer.toHexString(c) + ")";
            }
        }
        return null;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("storable-text").addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String text = super.deserialize(parser, context);
                String what = text == null ? null : unstorable(text);
                if (what != null) {
                    throw new UnstorableTextException(parser, what);
                }
                return text;
            }
        }));
    }
}
