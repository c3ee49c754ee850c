package app.hearth.exercise.service;

import app.hearth.exercise.Layer;
import app.hearth.exercise.Level;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The guide's pacing advice as rules: real intimacy is paced, not forced. An ADVANCED session counts against a weekly
 * limit, and going ADVANCED in a layer the couple has never completed at a gentler level needs their explicit "yes,
 * we know".
 */
public final class PacingPolicy {

    public record Refusal(String type, String detail) {}

    private PacingPolicy() {}

    /** What pacing counts a session as: the more demanding of the exercise's own level and the prompts asked for. */
    public static Level pacingLevel(Level catalogueLevel, Level requested) {
        return requested == null || catalogueLevel.compareTo(requested) >= 0 ? catalogueLevel : requested;
    }

    public static Optional<Refusal> check(
            Level level,
            Set<Layer> layers,
            boolean acknowledged,
            int advancedInLastSevenDays,
            int maxAdvancedPerWeek,
            Set<Layer> completedBelowAdvanced) {
        if (level != Level.ADVANCED) {
            return Optional.empty();
        }
        if (advancedInLastSevenDays >= maxAdvancedPerWeek) {
            return Optional.of(
                    new Refusal(
                            "pacing-limit",
                            "You have started " + advancedInLastSevenDays
                                    + " advanced exercises in the last 7 days, the most we suggest. Deep work needs time to settle: "
                                    + "try a beginner or intermediate exercise, or a five-minute booster, and come back to this later."));
        }
        Set<Layer> unpractised = EnumSet.noneOf(Layer.class);
        unpractised.addAll(layers);
        unpractised.removeAll(completedBelowAdvanced);
        if (!unpractised.isEmpty() && !acknowledged) {
            return Optional.of(
                    new Refusal(
                            "advanced-without-foundation",
                            "You have not yet completed a gentler exercise in "
                                    + unpractised.stream()
                                            .map(l -> l.name().toLowerCase().replace('_', ' '))
                                            .sorted()
                                            .collect(Collectors.joining(" and "))
                                    + ". We suggest starting there; if you both want to go ahead anyway, send \"acknowledgeAdvanced\": true."));
        }
        return Optional.empty();
    }
}
