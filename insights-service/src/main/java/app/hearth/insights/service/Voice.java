package app.hearth.insights.service;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Who the sentences speak to: a member ("you", "your partner") or a partner app ("partner 1", "partner 2"); how
 * members are referred to in numbers (account ids for members, the app's pseudonyms for apps); and whether
 * per-partner scores may be shown (to members, and to apps granted checkins.read besides insights.read).
 */
public record Voice(Map<String, String> names, Map<String, String> refs, boolean perPartner) {
    public static Voice forMember(String me, List<String> members) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(me, "you");
        members.stream().filter(m -> !m.equals(me)).forEach(m -> names.put(m, "your partner"));
        Map<String, String> refs = new LinkedHashMap<>();
        members.forEach(m -> refs.put(m, m));
        return new Voice(names, refs, true);
    }

    public static Voice forApp(List<String> members, UnaryOperator<String> pseudonym, boolean perPartner) {
        Map<String, String> refs = new LinkedHashMap<>();
        members.forEach(m -> refs.put(m, pseudonym.apply(m)));
        Map<String, String> names = new LinkedHashMap<>();
        List<String> sorted =
                members.stream().sorted(Comparator.comparing(refs::get)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            names.put(sorted.get(i), "partner " + (i + 1));
        }
        return new Voice(names, refs, perPartner);
    }

    /** The member these sentences speak to, or null when it is a partner app. */
    String viewer() {
        return names.entrySet().stream()
                .filter(e -> e.getValue().equals("you"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    /**
     * Whether the reader may see a member's own scores and what is said about them: the member themselves always; the
     * partner unless the member hides their trends; an app only with checkins.read, and never a hidden member's.
     */
    boolean maySeeScoresOf(String partnerId, CoupleFacts facts) {
        if (partnerId.equals(viewer())) {
            return true;
        }
        return perPartner && !facts.settingOf(partnerId).hideTrends();
    }

    /** How a member appears in numbers and ids. */
    String ref(String partnerId) {
        return refs.getOrDefault(partnerId, "former-member");
    }

    String name(String partnerId) {
        return names.getOrDefault(partnerId, "a former member");
    }

    String possessive(String partnerId) {
        String name = name(partnerId);
        return name.equals("you") ? "your" : name + "'s";
    }

    /** "Your", "Your partner's", "Partner 1's": the start of a sentence about someone's ratings. */
    String possessiveSubject(String partnerId) {
        String possessive = possessive(partnerId);
        return Character.toUpperCase(possessive.charAt(0)) + possessive.substring(1);
    }
}
