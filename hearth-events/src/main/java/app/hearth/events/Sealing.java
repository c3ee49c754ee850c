package app.hearth.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Crypto-shredding of what events say about a person: their name, their check-in scores, their ratings travel sealed
 * with a key of that person's own (AES-256-GCM, the event id and the person bound in as associated data). Erasure
 * destroys the person's keys, so every copy of those events (topics, dead letters, backups) becomes unreadable for
 * them, while the rest of each event (ids, periods, the other partner's part) stays usable.
 *
 * <p>On the wire a sealed part keeps its {@code partnerId} and replaces its personal fields with
 * {@code "sealed": {"key": <key id>, "box": <base64 iv + ciphertext>}}; key id {@value #NO_KEY} marks a part sealed for
 * someone already erased when it was published (nothing can open it).
 */
public final class Sealing {
    public static final String NO_KEY = "none";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where an event type carries personal fields: an object (or each object of an array) owned by its partnerId. */
    public record Target(String container, boolean array, List<String> fields) {}

    public static final Map<String, Target> TARGETS = Map.of(
            PartnerEvents.REGISTERED.type(), new Target("profile", false, List.of("displayName")),
            PartnerEvents.PROFILE_UPDATED.type(), new Target("profile", false, List.of("displayName")),
            ExerciseEvents.CHECK_IN_COMPLETED.type(),
                    new Target(
                            "scores",
                            true,
                            List.of("mood", "moodIntensity", "closeness", "satisfaction", "screenTime")),
            ExerciseEvents.EXERCISE_COMPLETED.type(),
                    new Target("ratings", true, List.of("feltConnected", "feltSafe")));

    /** A person's key for sealing: its id and the key. */
    public record KeyRef(String keyId, SecretKey key) {}

    private Sealing() {}

    /**
     * The services that seal, and so create and tombstone data keys, each on its own key topic
     * ({@link Topics#personKeys}): the owners of the topics of the event types with personal fields.
     */
    public static SortedSet<String> keyWriters() {
        SortedSet<String> writers = new TreeSet<>();
        TARGETS.keySet()
                .forEach(type -> writers.add(
                        Topics.owner(EventCatalogue.byType(type).orElseThrow().topic())
                                .substring(1)));
        return writers;
    }

    /** The writer whose key topic alone may carry a key with this id: ids are {@code <writer>:<uuid>}. */
    public static Optional<String> keyWriter(String keyId) {
        int colon = keyId.indexOf(':');
        return colon > 0 ? Optional.of(keyId.substring(0, colon)) : Optional.empty();
    }

    public static boolean hasPersonalFields(String type) {
        return TARGETS.containsKey(type);
    }

    /**
     * Seals the personal fields of an event (a JSON envelope). {@code keyFor} gives the owner's key, or null for
     * someone erased (their part is sealed with no key at all). Already sealed parts stay as they are.
     */
    public static String seal(String eventJson, Function<String, KeyRef> keyFor) {
        EventEnvelope event = EventJson.read(eventJson);
        Target target = TARGETS.get(event.type());
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
            sealed.put("box", key == null ? "" : box(key.key(), aad(event, owner), plain.toString()));
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
        Target target = TARGETS.get(event.type());
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
        Target target = TARGETS.get(event.type());
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
                            .readTree(unbox(
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

    /** An AES-256 key from a passphrase in configuration (a Kubernetes secret): its SHA-256. */
    public static SecretKey keyFromPassphrase(String passphrase) {
        try {
            return new SecretKeySpec(
                    MessageDigest.getInstance("SHA-256").digest(passphrase.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String box(SecretKey key, byte[] aad, String plaintext) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    public static String unbox(SecretKey key, byte[] aad, String box) throws GeneralSecurityException {
        byte[] all = Base64.getDecoder().decode(box);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
        cipher.updateAAD(aad);
        return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    }
}
