package app.hearth.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates an event against the catalogue: the envelope against {@code schemas/cloudevent.json} and the data against
 * the schema of its type. Producers' tests call it on every event they emit.
 */
public final class EventSchemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {}

    /** The problems found; empty when the event is valid. */
    public static List<String> validate(String eventJson) {
        JsonNode event;
        try {
            event = EventJson.mapper().readTree(eventJson);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        return problems(event, false);
    }

    /**
     * What a consumer checks: as {@link #validate}, but fields it does not know are tolerated, because producers
     * evolve a type by adding optional fields before every consumer knows them.
     */
    public static List<String> validateAsConsumer(JsonNode event) {
        return problems(event, true);
    }

    private static List<String> problems(JsonNode event, boolean tolerateNewFields) {
        List<String> problems = new ArrayList<>();
        messages(schema("schemas/cloudevent.json"), event, tolerateNewFields)
                .forEach(m -> problems.add("envelope: " + m));
        String type = event.path("type").asText();
        EventCatalogue.byType(type)
                .ifPresentOrElse(
                        t -> messages(schema(t.schemaResource()), event.path("data"), tolerateNewFields)
                                .forEach(m -> problems.add("data: " + m)),
                        () -> problems.add("unknown event type '" + type + "'"));
        return problems;
    }

    private static List<String> messages(JsonSchema schema, JsonNode node, boolean tolerateNewFields) {
        return schema.validate(node).stream()
                .filter(m -> !tolerateNewFields || !"additionalProperties".equals(m.getType()))
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    /** The JSON Schema of a type's data, as a tree (for tools that walk it, such as the tests' sample events). */
    public static JsonNode dataSchema(EventType<?> type) {
        return schema(type.schemaResource()).getSchemaNode();
    }

    static JsonSchema schema(String resource) {
        return SCHEMAS.computeIfAbsent(resource, r -> {
            try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("no schema " + r + " in the event catalogue");
                }
                return FACTORY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
