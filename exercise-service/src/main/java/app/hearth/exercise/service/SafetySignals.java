package app.hearth.exercise.service;

import app.hearth.events.ExerciseEvents.GentleSignal;
import app.hearth.events.ExerciseEvents.Mood;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The guide's signs of emotional flooding, read from what members tell Hearth: "anxiety, dissociation, or resentment
 * after deep talks", and, among the costs of neglect, "rising anxiety" and "chronic loneliness". Either sign starts a
 * gentle period ({@link GentlePacing}): "Real intimacy is paced, not forced."
 */
public final class SafetySignals {
    /** "Felt safe" (1 to 5) at or below this, after an intense session, is a sign of flooding. */
    public static final int LOW_FELT_SAFE = 2;
    /** The moods that, named again and again, are the guide's neglect signs. */
    static final Set<Mood> ANXIOUS_OR_LONELY = EnumSet.of(Mood.ANXIOUS, Mood.LONELY);
    /** Of a member's last this many check-ins... */
    static final int RECENT_CHECK_INS = 3;
    /** ...this many name anxiety or loneliness. */
    static final int REPEATED = 2;

    public static final String FLOODING_GUIDANCE = "/v1/guidance/emotional-flooding";

    private SafetySignals() {}

    /** A member felt unsafe after intense work. */
    public static boolean lowFeltSafe(int feltSafe, boolean intenseSession) {
        return intenseSession && feltSafe <= LOW_FELT_SAFE;
    }

    /**
     * A member's last check-ins, newest first, name anxiety or loneliness again and again, the newest among them (a
     * calm check-in after two anxious ones is no new sign: the period began with the second).
     */
    public static boolean repeatedAnxiousOrLonely(List<Mood> newestFirst) {
        return !newestFirst.isEmpty()
                && ANXIOUS_OR_LONELY.contains(newestFirst.get(0))
                && newestFirst.stream()
                                .limit(RECENT_CHECK_INS)
                                .filter(ANXIOUS_OR_LONELY::contains)
                                .count()
                        >= REPEATED;
    }

    /** Why a gentle period began, in the guide's words, without saying which member gave the sign. */
    public static String why(GentleSignal signal) {
        return switch (signal) {
            case LOW_FELT_SAFE ->
                "One of you did not feel safe after a deep exercise. The guide names anxiety, "
                        + "dissociation or resentment after deep talks as the warning signs of emotional flooding, and "
                        + "its answer is to go slower: \"Real intimacy is paced, not forced.\"";
            case ANXIOUS_OR_LONELY ->
                "One of you has named anxiety or loneliness in two of the last three "
                        + "check-ins. The guide counts rising anxiety and chronic loneliness among the costs of emotional "
                        + "neglect; deep talks on top of them can flood, so go gently: \"Real intimacy is paced, not "
                        + "forced.\"";
        };
    }

    /** An intense session asked for during a gentle period is refused, with why and until when. */
    public static Optional<PacingPolicy.Refusal> check(
            boolean intenseSession, GentleSignal signal, Instant until, Instant now) {
        if (!intenseSession || signal == null || !until.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new PacingPolicy.Refusal(
                "gentle-period",
                why(signal) + " Until " + until.atOffset(ZoneOffset.UTC).toLocalDate()
                        + " (UTC) Hearth starts gentler exercises only: a beginner exercise or a five-minute booster. "
                        + "How to spot flooding and what helps: " + FLOODING_GUIDANCE + "."));
    }
}
