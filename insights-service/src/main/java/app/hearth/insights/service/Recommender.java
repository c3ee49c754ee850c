package app.hearth.insights.service;

import app.hearth.insights.service.ExerciseCatalogueClient.Exercise;
import app.hearth.insights.service.InsightMaths.Layer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks the catalogue for a couple, each pick with its reasons. Pure and deterministic: the same situation always gives
 * the same list (ties by slug).
 */
public final class Recommender {
    static final Set<String> PHONE_FREE_RITUALS =
            Set.of("silent-morning-coffee", "silent-evening-together", "silent-walk");

    /**
     * What the ranking looks at. {@code recentPause}: a session was paused in the last 14 days; {@code gentlePeriod}:
     * exercise-service's gentle period runs (a sign of emotional flooding in the last 14 days). Either keeps intense
     * exercises out and puts beginner ones first. {@code minutes} null: any length.
     */
    public record Situation(
            String relationshipKind,
            Map<Layer, Integer> layerPractice90Days,
            boolean highScreenTime,
            boolean recentPause,
            boolean gentlePeriod,
            Set<String> recentlyDone,
            Integer minutes) {

        boolean gentle() {
            return recentPause || gentlePeriod;
        }
    }

    public record Recommendation(
            String slug,
            String title,
            String kind,
            String level,
            int minutes,
            List<String> layers,
            int score,
            List<String> reasons) {}

    private Recommender() {}

    public static List<Recommendation> rank(List<Exercise> catalogue, Situation situation, int limit) {
        List<Layer> weakest = InsightMaths.weakest(situation.layerPractice90Days(), 2);
        List<Recommendation> ranked = new ArrayList<>();
        for (Exercise exercise : catalogue) {
            if (!exercise.relationshipKinds().contains(situation.relationshipKind())) {
                continue; // not adapted to this kind of relationship
            }
            if (situation.minutes() != null && exercise.minutes() > situation.minutes()) {
                continue;
            }
            if (situation.gentle() && (exercise.intense() || "ADVANCED".equals(exercise.level()))) {
                continue; // the guide: real intimacy is paced, not forced
            }
            int score = 0;
            List<String> reasons = new ArrayList<>();
            for (Layer layer : weakest) {
                if (exercise.layers().contains(layer.name())) {
                    score += 3;
                    reasons.add("strengthens " + CoupleInsights.label(layer)
                            + ", one of your least practised layers lately");
                }
            }
            if (situation.highScreenTime()) {
                if (exercise.slug().equals(CoupleInsights.DETOX)) {
                    score += 5;
                    reasons.add(
                            "your check-ins show a lot of screen time: the 7-day digital detox targets exactly that");
                } else if (PHONE_FREE_RITUALS.contains(exercise.slug())) {
                    score += 3;
                    reasons.add("a phone-free ritual, for days with a lot of screen time");
                }
            }
            if (situation.gentle() && "BEGINNER".equals(exercise.level())) {
                score += 2;
                reasons.add(
                        situation.gentlePeriod()
                                ? "gentle, while you go slower after a sign of emotional flooding"
                                : "gentle, after a recent pause");
                if (exercise.layers().contains(Layer.SAFETY.name())) {
                    score += 2;
                    reasons.add("rebuilds the feeling of safety everything else stands on");
                }
            }
            if (!"ROMANTIC".equals(situation.relationshipKind())
                    && exercise.slug().equals("friends-and-family-adaptation")) {
                score += 3;
                reasons.add("adapted for friends and family");
            }
            if (situation.minutes() != null && situation.minutes() <= 10 && "BOOSTER".equals(exercise.kind())) {
                score += 2;
                reasons.add("a booster that fits in " + situation.minutes() + " minutes");
            }
            if (situation.recentlyDone().contains(exercise.slug())) {
                score -= 3;
                reasons.add("you did this recently; it is here for variety only if nothing else fits");
            }
            if (Set.of("ASSESSMENT", "QUIZ", "CHECKLIST").contains(exercise.kind())) {
                score -= 1;
            }
            if (reasons.isEmpty()) {
                reasons.add("fits your relationship"
                        + (situation.minutes() == null ? "" : " and your " + situation.minutes() + " minutes"));
            }
            ranked.add(new Recommendation(
                    exercise.slug(),
                    exercise.title(),
                    exercise.kind(),
                    exercise.level(),
                    exercise.minutes(),
                    exercise.layers().stream().sorted().toList(),
                    score,
                    reasons));
        }
        Comparator<Recommendation> order =
                Comparator.comparingInt(Recommendation::score).reversed().thenComparing(Recommendation::slug);
        if (situation.gentle()) {
            // Beginner exercises first, whatever else scores: a weak layer can wait until pacing is back.
            order = Comparator.comparing((Recommendation r) -> !"BEGINNER".equals(r.level()))
                    .thenComparing(order);
        }
        ranked.sort(order);
        return ranked.subList(0, Math.min(limit, ranked.size()));
    }
}
