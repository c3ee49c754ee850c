package app.hearth.testsupport;

import app.hearth.events.EventCatalogue;
import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.EventMentions;
import app.hearth.events.EventSchemas;
import app.hearth.events.EventType;
import app.hearth.events.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An event of any type in the catalogue, made from its JSON Schema: every field filled (optional ones too), the fields
 * that name people naming {@code person} (lists: {@code person} and {@code other}), those naming a couple naming
 * {@code couple}. So a type added to the catalogue gets a sample without anyone writing one; a field whose schema
 * asks for a pattern the generic values do not meet needs an entry in {@link #BY_NAME} (the event then fails the
 * catalogue's own validation, naming the field).
 */
public final class EventSamples {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Values for fields whose schema alone does not say what a valid value looks like. */
    private static final Map<String, String> BY_NAME = Map.of(
            "period", "2026-W48",
            "exerciseSlug", "love-maps",
            "timeZone", "Europe/Rome",
            "locale", "en",
            "quietHoursStart", "22:00",
            "quietHoursEnd", "07:00",
            "displayName", "Sample Person",
            "clientId", "sample-partner-app",
            "service", "sample");
    /** Enum fields whose first value does not go with the other samples (a weekly period above). */
    private static final Map<String, String> ENUM_BY_NAME = Map.of("cadence", "WEEKLY", "checkInCadence", "WEEKLY");

    public record Ids(String person, String other, String couple) {
        public static Ids fresh() {
            return new Ids(
                    "person-" + UUID.randomUUID(),
                    "person-" + UUID.randomUUID(),
                    UUID.randomUUID().toString());
        }
    }

    private EventSamples() {}

    /** A valid event of {@code type} published by its topic's owner, its subject the couple (or the person if none). */
    public static EventEnvelope of(EventType<?> type, Ids ids) {
        ObjectNode data = object(EventSchemas.dataSchema(type), ids);
        String subject = data.has("coupleId") ? ids.couple() : ids.person();
        EventEnvelope event = new EventEnvelope(
                EventEnvelope.SPEC_VERSION,
                UUID.randomUUID(),
                Topics.owner(type.topic()),
                type.type(),
                subject,
                Instant.now(),
                "application/json",
                data);
        List<String> problems = EventSchemas.validate(EventJson.write(event));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the sample of " + type.type()
                    + " is not valid (add its field to EventSamples.BY_NAME): " + problems);
        }
        return event;
    }

    /** Every type of the catalogue but the smoke tests' probe. */
    public static List<EventType<?>> types() {
        return EventCatalogue.all().stream()
                .filter(t -> !t.topic().equals(Topics.PROBE))
                .toList();
    }

    private static ObjectNode object(JsonNode schema, Ids ids) {
        ObjectNode object = JSON.objectNode();
        schema.path("properties").fields().forEachRemaining(field -> {
            if (!field.getKey().equals("sealed")) { // the clear form of a part, which consumers also accept
                object.set(field.getKey(), value(field.getKey(), field.getValue(), ids));
            }
        });
        return object;
    }

    private static JsonNode value(String name, JsonNode schema, Ids ids) {
        EventMentions.Role role = EventMentions.ID_FIELDS.get(name);
        boolean array = schema.path("type").asText().equals("array");
        if (role == EventMentions.Role.PERSON) {
            return array ? JSON.arrayNode().add(ids.person()).add(ids.other()) : JSON.textNode(ids.person());
        }
        if (role == EventMentions.Role.COUPLE) {
            return JSON.textNode(ids.couple());
        }
        if (BY_NAME.containsKey(name)) {
            return JSON.textNode(BY_NAME.get(name));
        }
        if (ENUM_BY_NAME.containsKey(name)) {
            return JSON.textNode(ENUM_BY_NAME.get(name));
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (array) {
            return array(schema, ids);
        }
        if (schema.has("properties")) {
            return object(schema, ids);
        }
        String type = schema.path("type").isArray()
                ? schema.path("type").get(0).asText()
                : schema.path("type").asText();
        return switch (type) {
            case "integer", "number" -> JSON.numberNode(schema.path("minimum").asInt(1));
            case "boolean" -> JSON.booleanNode(false);
            default ->
                switch (schema.path("format").asText()) {
                    case "date-time" -> JSON.textNode(Instant.now().toString());
                    case "date" -> JSON.textNode(LocalDate.now(ZoneOffset.UTC).toString());
                    // Ids that name neither a person nor a couple (a session, a grant): stable within the couple's
                    // samples.
                    case "uuid" ->
                        JSON.textNode(
                                UUID.nameUUIDFromBytes((ids.couple() + "/" + name).getBytes(StandardCharsets.UTF_8))
                                        .toString());
                    default -> JSON.textNode("sample");
                };
        };
    }

    private static ArrayNode array(JsonNode schema, Ids ids) {
        JsonNode items = schema.path("items");
        ArrayNode array = JSON.arrayNode();
        if (items.path("properties").has("partnerId")) { // one part per person, as many as the schema allows
            int max = schema.path("maxItems").asInt(2);
            array.add(object(items, ids));
            if (max > 1) {
                array.add(object(items, new Ids(ids.other(), ids.person(), ids.couple())));
            }
            return array;
        }
        int count = Math.max(1, schema.path("minItems").asInt(1));
        for (int i = 0; i < count; i++) {
            array.add(
                    items.has("enum")
                            ? items.get("enum").get(i % items.get("enum").size())
                            : value("item", items, ids));
        }
        return array;
    }
}
