package app.hearth.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which fields of which events are personal: those travel sealed with a key of their owner's own (see the platform's
 * {@code SealedParts}), so erasure, by destroying the keys, makes every copy unreadable for that person. Key id
 * {@value #NO_KEY} marks a part sealed for someone already erased when it was published (nothing can open it).
 */
public final class PersonalFields {
    public static final String NO_KEY = "none";

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

    private PersonalFields() {}

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
}
