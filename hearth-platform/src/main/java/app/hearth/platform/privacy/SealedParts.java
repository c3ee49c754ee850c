package app.hearth.platform.privacy;

import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.PersonalFields;
import app.hearth.events.PersonalFields.Target;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.crypto.SecretKey;

/**
 * Crypto-shredding of what events say about a person: their name, their check-in scores, their ratings travel sealed
 * with a key of that person's own (AES-256-GCM, the event id and the person bound in as associated data). Erasure
 * destroys the person's keys, so every copy of those events (topics, dead letters, backups) becomes unreadable for
 * them, while the rest of each event (ids, periods, the other partner's part) stays usable.
 *
 * <p>On the wire a sealed part keeps its {@code partnerId} and replaces its personal fields with
 * {@code "sealed": {"key": <key id>, "box": <base64 iv + ciphertext>}}; key id {@value PersonalFields#NO_KEY} marks a part sealed for
 * someone already erased when it was published (nothing can open it).
 */
public final class SealedParts {
    private static final String NO_KEY = PersonalFields.NO_KEY;

    /** A person's key for sealing: its id and the key. */
    public record KeyRef(String keyId, SecretKey key) {}

    private SealedParts() {}

    /**
     * Seals the personal fields of an event (a JSON envelope). {@code keyFor} gives the owner's key, or null for
     * someone erased (their part is sealed with no key at all). Already sealed parts stay as they are.
     */
    public static String seal(String eventJson, Function<String, KeyRef> keyFor) {
        EventEnvelope event = EventJson.read(eventJson);
        Target target = PersonalFields.TARGETS.get(event.type());
        if (target == null || event.data() == null) {
            return eventJson;
        }
        ObjectNode data = ((ObjectNode) event.data()).deepCopy();
        for (ObjectNode part : parts(data, target)) {
            if (part.has("sealed")) {
                continue;
            }
            String owner = part.path("partnerId").asText();
            ObjectNode plain = EventJson.mapper().createObjectNode();
            target.fields().forEach(f -> {
                if (part.has(f)) {
                    plain.set(f, part.remove(f));
                }
            });
            KeyRef key = keyFor.apply(owner);
            ObjectNode sealed = part.putObject("sealed");
            sealed.put("key", key == null ? NO_KEY : key.keyId());
            sealed.put("box", key == null ? "" : Box.box(key.key(), aad(event, owner), plain.toString()));
        }
        return EventJson.write(new EventEnvelope(
                event.specversion(),
                event.id(),
                event.source(),
                event.type(),
                event.subject(),
                event.time(),
                event.datacontenttype(),
                data));
    }

    /** The (owner, key id) pairs of an event's sealed parts whose key {@code keyOf} does not have. */
    public static List<String[]> missingKeys(
            EventEnvelope event, BiFunction<String, String, Optional<SecretKey>> keyOf) {
        List<String[]> missing = new ArrayList<>();
        Target target = PersonalFields.TARGETS.get(event.type());
        if (target == null || event.data() == null || !event.data().isObject()) {
            return missing;
        }
        for (ObjectNode part : parts((ObjectNode) event.data(), target)) {
            JsonNode sealed = part.get("sealed");
            if (sealed != null
                    && !NO_KEY.equals(sealed.path("key").asText())
                    && keyOf.apply(
                                    part.path("partnerId").asText(),
                                    sealed.path("key").asText())
                            .isEmpty()) {
                missing.add(new String[] {
                    part.path("partnerId").asText(), sealed.path("key").asText()
                });
            }
        }
        return missing;
    }

    /**
     * The event with its sealed parts opened. A part whose key is gone (its owner was erased) goes, as an erased
     * person's part does: an array element is removed, an object loses its personal fields.
     */
    public static EventEnvelope open(EventEnvelope event, BiFunction<String, String, Optional<SecretKey>> keyOf) {
        Target target = PersonalFields.TARGETS.get(event.type());
        if (target == null || event.data() == null || !event.data().isObject()) {
            return event;
        }
        ObjectNode data = ((ObjectNode) event.data()).deepCopy();
        JsonNode container = data.get(target.container());
        List<ObjectNode> parts = parts(data, target);
        for (int i = parts.size() - 1; i >= 0; i--) {
            ObjectNode part = parts.get(i);
            JsonNode sealed = part.remove("sealed");
            if (sealed == null) {
                continue;
            }
            String owner = part.path("partnerId").asText();
            Optional<SecretKey> key = NO_KEY.equals(sealed.path("key").asText())
                    ? Optional.empty()
                    : keyOf.apply(owner, sealed.path("key").asText());
            if (key.isPresent()) {
                try {
                    ObjectNode plain = (ObjectNode) EventJson.mapper()
                            .readTree(Box.unbox(
                                    key.get(),
                                    aad(event, owner),
                                    sealed.path("box").asText()));
                    part.setAll(plain);
                    continue;
                } catch (Exception e) {
                    throw new IllegalStateException(
                            "event " + event.id() + ": a sealed part does not open with its key", e);
                }
            }
            if (target.array()) {
                ((ArrayNode) container).remove(i);
            }
        }
        return new EventEnvelope(
                event.specversion(),
                event.id(),
                event.source(),
                event.type(),
                event.subject(),
                event.time(),
                event.datacontenttype(),
                data);
    }

    private static List<ObjectNode> parts(ObjectNode data, Target target) {
        List<ObjectNode> parts = new ArrayList<>();
        JsonNode container = data.get(target.container());
        if (container == null) {
            return parts;
        }
        if (target.array() && container.isArray()) {
            container.forEach(item -> {
                if (item.isObject()) {
                    parts.add((ObjectNode) item);
                }
            });
        } else if (!target.array() && container.isObject()) {
            parts.add((ObjectNode) container);
        }
        return parts;
    }

    private static byte[] aad(EventEnvelope event, String owner) {
        return (event.id() + "|" + owner).getBytes(StandardCharsets.UTF_8);
    }
}
