package app.hearth.exercise;

import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The guide's three attachment styles, what each means, and how a member's own reminders in intense sessions are worded
 * for it (the self-check's effect: a tendency named, then met where it shows).
 */
@Schema(
        name = "SuggestedAttachmentStyle",
        description =
                "The style a self-check suggests (couple-service's profile has its own, which also allows UNSURE).")
public enum AttachmentStyle {
    SECURE(
            "Secure: you trust easily, say what you need, and handle conflict with grace.",
            "You tend to trust that you will come back to each other: keep saying what you need as it comes up."),
    ANXIOUS(
            "Anxious: you tend to worry about being left and to look for frequent reassurance.",
            "If worry rises, ask for reassurance out loud (\"Are we OK?\") rather than holding on alone; pausing does not"
                    + " mean leaving."),
    AVOIDANT(
            "Avoidant: you tend to withdraw or shut down when closeness intensifies.",
            "If you feel the urge to pull back, say so, or say the pause word, rather than going quiet: a pause with a"
                    + " way back is not withdrawing.");

    private final String meaning;
    private final String inIntenseSessions;

    AttachmentStyle(String meaning, String inIntenseSessions) {
        this.meaning = meaning;
        this.inIntenseSessions = inIntenseSessions;
    }

    public String meaning() {
        return meaning;
    }

    /** Added to the member's own safety reminder in intense sessions. */
    public String inIntenseSessions() {
        return inIntenseSessions;
    }

    /**
     * The style the ticks lean towards: the one with the most ticked statements, or null when nothing is ticked or two
     * styles tie (no single style stands out; the article explains all three).
     */
    public static AttachmentStyle suggested(Map<AttachmentStyle, Integer> ticked) {
        Map<AttachmentStyle, Integer> counts = new EnumMap<>(AttachmentStyle.class);
        counts.putAll(ticked);
        AttachmentStyle best = null;
        int most = 0;
        boolean tie = false;
        for (Map.Entry<AttachmentStyle, Integer> e : counts.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
                tie = false;
            } else if (e.getValue() == most && most > 0) {
                tie = true;
            }
        }
        return tie ? null : best;
    }
}
