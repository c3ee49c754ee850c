package app.hearth.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who and which couple an event is about: the ids in its data (at any depth) under the field names below, plus its
 * subject. Consumers drop events about erased people and purged couples with it, whatever topic they came from, so
 * every field that names a person or a couple must be listed here (a test walks every schema to keep it so).
 */
public record EventMentions(Set<String> people, Set<String> couples) {

    public enum Role {
        PERSON,
        COUPLE,
        NEITHER
    }

    /** Every id-like field name in the catalogue's schemas, and what it names. */
    public static final Map<String, Role> ID_FIELDS = Map.ofEntries(
            Map.entry("partnerId", Role.PERSON),
            Map.entry("partnerIds", Role.PERSON),
            Map.entry("memberIds", Role.PERSON),
            Map.entry("startedBy", Role.PERSON),
            Map.entry("pausedBy", Role.PERSON),
            Map.entry("endedBy", Role.PERSON),
            Map.entry("completedBy", Role.PERSON),
            Map.entry("coupleId", Role.COUPLE),
            Map.entry("clientId", Role.NEITHER),
            Map.entry("grantId", Role.NEITHER),
            Map.entry("sessionId", Role.NEITHER),
            Map.entry("reminderId", Role.NEITHER),
            Map.entry("probeId", Role.NEITHER));

    /**
     * The subject is a partner id on partner-events and a couple id elsewhere (a partner id for personal reminders),
     * so it counts as both: a hash of one kind never matches an id of the other.
     */
    public static EventMentions of(EventEnvelope event) {
        Set<String> people = new HashSet<>();
        Set<String> couples = new HashSet<>();
        people.add(event.subject());
        couples.add(event.subject());
        collect(event.data(), people, couples);
        return new EventMentions(Set.copyOf(people), Set.copyOf(couples));
    }

    /** Top-level data fields naming the person an event is mainly about: if they are erased, the event goes. */
    private static final Set<String> MAIN_PERSON_FIELDS = Set.of("partnerId", "profile");

    /**
     * The event without the given (erased) people, or empty if nothing of it may be kept: when it is about one of
     * them (its subject, or its main person field), it goes whole. Otherwise their parts go: an object in an array
     * that names them (their scores, their rating), their id in a list of ids (members), a field saying they did
     * something (startedBy). What stays is about the others, who keep their history.
     */
    public static Optional<EventEnvelope> without(EventEnvelope event, Set<String> erased) {
        if (erased.isEmpty()) {
            return Optional.of(event);
        }
        if (erased.contains(event.subject())) {
            return Optional.empty();
        }
        ObjectNode data =
                event.data() == null || !event.data().isObject() ? null : ((ObjectNode) event.data()).deepCopy();
        if (data == null) {
            return Optional.of(event);
        }
        for (String field : MAIN_PERSON_FIELDS) {
            JsonNode main = data.get(field);
            if (main != null
                    && (main.isTextual() && erased.contains(main.asText())
                            || main.isObject()
                                    && erased.contains(main.path("partnerId").asText(null)))) {
                return Optional.empty();
            }
        }
        scrub(data, erased);
        return Optional.of(new EventEnvelope(
                event.specversion(),
                event.id(),
                event.source(),
                event.type(),
                event.subject(),
                event.time(),
                event.datacontenttype(),
                data));
    }

    private static void scrub(ObjectNode object, Set<String> erased) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode value = object.get(name);
            Role role = ID_FIELDS.getOrDefault(name, Role.NEITHER);
            if (role == Role.PERSON && value.isTextual() && erased.contains(value.asText())) {
                object.putNull(name);
            } else if (value.isArray()) {
                ArrayNode array = (ArrayNode) value;
                for (int i = array.size() - 1; i >= 0; i--) {
                    JsonNode item = array.get(i);
                    boolean erasedId = role == Role.PERSON && item.isTextual() && erased.contains(item.asText());
                    boolean erasedPart = item.isObject()
                            && erased.contains(item.path("partnerId").asText(null));
                    if (erasedId || erasedPart) {
                        array.remove(i);
                    } else if (item.isObject()) {
                        scrub((ObjectNode) item, erased);
                    }
                }
            } else if (value.isObject()) {
                scrub((ObjectNode) value, erased);
            }
        }
    }

    private static void collect(JsonNode node, Set<String> people, Set<String> couples) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(child -> collect(child, people, couples));
            return;
        }
        node.fields().forEachRemaining(field -> {
            Role role = ID_FIELDS.getOrDefault(field.getKey(), Role.NEITHER);
            if (role == Role.NEITHER) {
                collect(field.getValue(), people, couples);
                return;
            }
            Set<String> into = role == Role.PERSON ? people : couples;
            if (field.getValue().isTextual()) {
                into.add(field.getValue().asText());
            } else if (field.getValue().isArray()) {
                field.getValue().forEach(v -> {
                    if (v.isTextual()) {
                        into.add(v.asText());
                    }
                });
            }
        });
    }
}
