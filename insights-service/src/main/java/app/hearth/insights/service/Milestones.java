package app.hearth.insights.service;

import static app.hearth.insights.service.CoupleInsights.covers;
import static app.hearth.insights.service.CoupleInsights.day;
import static app.hearth.insights.service.CoupleInsights.label;
import static app.hearth.insights.service.CoupleInsights.next;
import static app.hearth.insights.service.CoupleInsights.numbers;

import app.hearth.insights.service.CoupleInsights.Covers;
import app.hearth.insights.service.CoupleInsights.Insight;
import app.hearth.insights.service.InsightMaths.Layer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What a couple has reached together: first check-in, longest streak, first exercise per layer, the detox, ten. */
final class Milestones {
    private Milestones() {}

    static List<Insight> of(CoupleFacts facts, Set<String> complete, Set<String> frozen, String currentPeriod) {
        List<Insight> milestones = new ArrayList<>();
        complete.stream()
                .sorted()
                .findFirst()
                .ifPresent(first -> milestones.add(new Insight(
                        "milestone:first-check-in",
                        Insight.Category.MILESTONE,
                        "Your first check-in together, in " + first + ". Every one since has added to it.",
                        numbers("period", first),
                        covers(first, first))));
        List<String> all = new ArrayList<>(complete);
        all.sort(null);
        int best = 0;
        String bestEnd = null;
        int run = 0;
        String expected = null;
        for (String period : all) {
            run = expected != null && (period.equals(expected) || skipsOnlyFrozen(expected, period, frozen))
                    ? run + 1
                    : 1;
            if (run > best) {
                best = run;
                bestEnd = period;
            }
            expected = next(period);
        }
        int target = PeriodMath.isWeek(currentPeriod) ? 4 : 28;
        if (best >= target) {
            milestones.add(new Insight(
                    "milestone:four-week-streak",
                    Insight.Category.MILESTONE,
                    "Four weeks in a row of checking in together. " + "That is what the guide means by consistency.",
                    numbers("longestStreak", best),
                    covers(bestEnd, bestEnd)));
        }
        Map<Layer, Instant> firstPerLayer = new TreeMap<>();
        for (CoupleFacts.Session s : facts.sessions()) {
            if (s.completedAt() == null) {
                continue;
            }
            for (String layer : s.layers()) {
                try {
                    firstPerLayer.merge(Layer.valueOf(layer), s.completedAt(), (a, b) -> a.isBefore(b) ? a : b);
                } catch (IllegalArgumentException unknown) {
                    // not one of the five layers
                }
            }
        }
        firstPerLayer.forEach((layer, at) -> milestones.add(new Insight(
                "milestone:first-" + layer.name().toLowerCase(Locale.ROOT),
                Insight.Category.MILESTONE,
                "Your first completed exercise in " + label(layer) + ".",
                numbers("layer", layer.name(), "completedOn", day(at)),
                new Covers(day(at), day(at), 0))));
        facts.planDays().stream()
                .filter(d -> d.slug().equals(CoupleInsights.DETOX) && d.day() == d.days())
                .findFirst()
                .map(CoupleFacts.PlanDay::completedAt)
                .or(() -> facts.sessions().stream()
                        .filter(s -> s.slug().equals(CoupleInsights.DETOX) && s.completedAt() != null)
                        .map(CoupleFacts.Session::completedAt)
                        .findFirst())
                .ifPresent(at -> milestones.add(new Insight(
                        "milestone:detox-finished",
                        Insight.Category.MILESTONE,
                        "You finished the 7-day digital detox. Notice what you want to keep from it.",
                        numbers("completedOn", day(at)),
                        new Covers(day(at), day(at), 0))));
        long completed =
                facts.sessions().stream().filter(s -> s.completedAt() != null).count();
        if (completed >= 10) {
            milestones.add(new Insight(
                    "milestone:ten-exercises",
                    Insight.Category.MILESTONE,
                    "Ten exercises completed together.",
                    numbers("exercisesCompleted", completed),
                    null));
        }
        return milestones;
    }

    private static boolean skipsOnlyFrozen(String expected, String period, Set<String> frozen) {
        for (String p = expected; p.compareTo(period) < 0; p = next(p)) {
            if (!frozen.contains(p)) {
                return false;
            }
        }
        return true;
    }
}
