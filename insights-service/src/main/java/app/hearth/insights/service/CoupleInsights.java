package app.hearth.insights.service;

import app.hearth.insights.service.InsightMaths.Direction;
import app.hearth.insights.service.InsightMaths.Layer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A couple's insights, each a plain sentence with the numbers behind it and the period it covers. Pure: the same
 * facts, "now" and voice always give the same insights.
 */
public final class CoupleInsights {
    public static final String DETOX = "digital-detox-7-day";
    static final Set<String> MICRO_HABITS = Set.of("RITUAL", "BOOSTER");

    public record Covers(String from, String to, int periods) {}

    public record Insight(
            String id,
            Category category,
            String sentence,
            @Schema(implementation = InsightNumbers.class) Map<String, Object> numbers,

            @Schema(nullable = true, description = "The periods it covers; null for a count that has no span.")
            Covers covers,

            @Schema(
                    nullable = true,
                    description =
                            "A guidance article to read with it (`/v1/guidance/...` on exercise-service), such as when to seek outside help.")
            String guidance) {

        public Insight(String id, Category category, String sentence, Map<String, Object> numbers, Covers covers) {
            this(id, category, sentence, numbers, covers, null);
        }

        /** What an insight is about; new categories may be added (clients show an unknown one as plain text). */
        @Schema(name = "InsightCategory")
        public enum Category {
            TREND,
            ALIGNMENT,
            STREAK,
            SCREEN_TIME,
            LAYERS,
            CONSISTENCY,
            MILESTONE,
            WARNING_SIGN,
            PACING,
            OUTSIDE_HELP
        }
    }

    private CoupleInsights() {}

    /** The facts an insight is read from: the couple's, their recent periods, and who is reading. */
    private record Context(
            CoupleFacts facts,
            String currentPeriod,
            Instant now,
            Voice voice,
            List<String> periods,
            Map<String, Map<String, CoupleFacts.Score>> byPeriod,
            Set<String> complete,
            Set<String> frozen) {}

    /** Every insight, in the order they are shown; each reads the same context and may have nothing to say. */
    private static final List<Function<Context, List<Insight>>> INSIGHTS = List.of(
            CoupleInsights::pacing,
            CoupleInsights::streak,
            CoupleInsights::trends,
            CoupleInsights::alignment,
            CoupleInsights::screenTime,
            CoupleInsights::layerCoverage,
            CoupleInsights::consistency,
            c -> Milestones.of(c.facts(), c.complete(), c.frozen(), c.currentPeriod()),
            c -> WarningSigns.of(
                    c.facts(), c.periods(), c.complete(), c.frozen(), c.currentPeriod(), c.now(), c.voice()));

    /** The couple's current period (in the first member's calendar) and everything below. */
    public static List<Insight> of(CoupleFacts facts, String currentPeriod, Instant now, Voice voice) {
        Map<String, Map<String, CoupleFacts.Score>> byPeriod = new TreeMap<>();
        for (CoupleFacts.Score s : facts.scores()) {
            byPeriod.computeIfAbsent(s.period(), p -> new TreeMap<>()).put(s.partnerId(), s);
        }
        Set<String> complete = byPeriod.entrySet().stream()
                .filter(e -> e.getValue().size() >= 2)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        Context context = new Context(
                facts,
                currentPeriod,
                now,
                voice,
                PeriodMath.lastN(currentPeriod, 12),
                byPeriod,
                complete,
                frozen(facts, PeriodMath.lastN(currentPeriod, 104)));
        List<Insight> insights = new ArrayList<>();
        INSIGHTS.forEach(insight -> insights.addAll(insight.apply(context)));
        insights.removeIf(i -> !visible(i, facts, voice));
        return insights;
    }

    /**
     * A gentle period, first: exercise-service slowed the couple's pacing after a sign of emotional flooding. Says
     * which sign, in the guide's words, never which of them gave it.
     */
    private static List<Insight> pacing(Context c) {
        return c.facts().gentlePeriodAt(c.now()).stream()
                .map(period -> new Insight(
                        "pacing:gentle-period",
                        Insight.Category.PACING,
                        (period.signal().equals("LOW_FELT_SAFE")
                                        ? "One of you did not feel safe after a deep exercise."
                                        : "One of you has named anxiety or loneliness in two of the last three check-ins.")
                                + " The guide's warning signs of emotional flooding are anxiety, dissociation, or "
                                + "resentment after deep talks, and its advice is to respect each other's pacing: real "
                                + "intimacy is paced, not forced. Until " + day(period.until()) + " Hearth suggests "
                                + "gentler exercises and holds the intense ones.",
                        numbers("signal", period.signal(), "gentleUntil", period.until()),
                        new Covers(day(period.startedAt()), day(period.until()), (int)
                                Duration.between(period.startedAt(), period.until())
                                        .toDays())))
                .toList();
    }

    /**
     * Whether the reader may see an insight about one member ({@code numbers.partnerId}): that member always; outside
     * help about them only if they share it, with their partner (never an app); their scores and warnings unless they
     * keep their trends to themselves, and for an app only with checkins.read. Insights about the couple: everyone.
     */
    static boolean visible(Insight insight, CoupleFacts facts, Voice voice) {
        Object ref = insight.numbers() == null ? null : insight.numbers().get("partnerId");
        if (ref == null) {
            // The gap between the partners' closeness would tell one what the other keeps to themselves.
            return !insight.id().equals("alignment")
                    || facts.members().stream()
                            .noneMatch(m -> !m.equals(voice.viewer())
                                    && facts.settingOf(m).hideTrends());
        }
        String member = facts.members().stream()
                .filter(m -> voice.ref(m).equals(ref))
                .findFirst()
                .orElse(null);
        if (member == null) {
            return voice.perPartner(); // about a former member: as before, check-in data
        }
        if (insight.category() == Insight.Category.OUTSIDE_HELP) {
            return member.equals(voice.viewer())
                    || (voice.viewer() != null && facts.settingOf(member).shareOutsideHelp());
        }
        return voice.maySeeScoresOf(member, facts);
    }

    /** The check-in streak (vacations freeze it), if the couple shows streaks. */
    private static List<Insight> streak(Context c) {
        List<Insight> insights = new ArrayList<>();
        CoupleFacts facts = c.facts();
        String currentPeriod = c.currentPeriod();
        Set<String> complete = c.complete();
        Set<String> frozen = c.frozen();
        if (facts.showStreaks()) {
            List<String> newestFirst = new ArrayList<>(PeriodMath.lastN(currentPeriod, 104));
            Collections.reverse(newestFirst);
            InsightMaths.Streak streak = InsightMaths.streak(newestFirst, complete, frozen);
            String unit = PeriodMath.isWeek(currentPeriod) ? "week" : "day";
            String sentence = streak.periods() == 0
                    ? "No check-in streak yet: check in together this " + unit + " to start one."
                    : "You have checked in together " + streak.periods() + " " + unit
                            + (streak.periods() == 1 ? "" : "s")
                            + " in a row"
                            + (streak.frozen() > 0
                                    ? " (" + streak.frozen() + " " + unit + (streak.frozen() == 1 ? "" : "s")
                                            + " on vacation kept it frozen, not broken)"
                                    : "")
                            + ".";
            insights.add(new Insight(
                    "check-in-streak",
                    Insight.Category.STREAK,
                    sentence,
                    numbers(
                            "periods",
                            streak.periods(),
                            "includesCurrentPeriod",
                            streak.includesCurrent(),
                            "frozenPeriods",
                            streak.frozen()),
                    covers(newestFirst.get(streakSpan(streak) - 1), currentPeriod)));
        }
        return insights;
    }

    /** Each partner's closeness and satisfaction over the last twelve periods. */
    private static List<Insight> trends(Context c) {
        List<Insight> insights = new ArrayList<>();
        CoupleFacts facts = c.facts();
        Voice voice = c.voice();
        List<String> periods = c.periods();
        for (String partner : facts.members()) {
            List<Integer> closeness = series(facts, partner, periods, CoupleFacts.Score::closeness);
            List<Integer> satisfaction = series(facts, partner, periods, CoupleFacts.Score::satisfaction);
            if (closeness.isEmpty()) {
                continue;
            }
            insights.add(trend("closeness-trend", partner, "closeness", "1-7", closeness, voice, periods));
            insights.add(trend("satisfaction-trend", partner, "satisfaction", "0-10", satisfaction, voice, periods));
        }
        return insights;
    }

    /** The gap between the partners' closeness in the last four complete periods. */
    private static List<Insight> alignment(Context c) {
        List<Insight> insights = new ArrayList<>();
        CoupleFacts facts = c.facts();
        List<String> periods = c.periods();
        Map<String, Map<String, CoupleFacts.Score>> byPeriod = c.byPeriod();
        Set<String> complete = c.complete();
        // Alignment: the gap between the partners' closeness in the last four complete periods.
        List<String> pairedPeriods = periods.stream().filter(complete::contains).toList();
        List<String> lastPaired = pairedPeriods.subList(Math.max(0, pairedPeriods.size() - 4), pairedPeriods.size());
        if (facts.members().size() == 2 && !lastPaired.isEmpty()) {
            List<int[]> pairs = lastPaired.stream()
                    .map(p -> new int[] {
                        byPeriod.get(p).get(facts.members().get(0)) == null
                                ? 0
                                : byPeriod.get(p).get(facts.members().get(0)).closeness(),
                        byPeriod.get(p).get(facts.members().get(1)) == null
                                ? 0
                                : byPeriod.get(p).get(facts.members().get(1)).closeness()
                    })
                    .filter(p -> p[0] > 0 && p[1] > 0)
                    .toList();
            double gap = InsightMaths.round1(InsightMaths.meanGap(pairs).orElse(0));
            boolean large = gap >= InsightMaths.LARGE_GAP;
            insights.add(new Insight(
                    "alignment",
                    Insight.Category.ALIGNMENT,
                    large
                            ? "You may be seeing this differently: your closeness ratings have been " + gap
                                    + " points apart on average lately. That is a conversation starter, not a verdict: ask each other what "
                                    + "closeness felt like this week."
                            : "You see your closeness much the same way (" + gap + " points apart on average lately).",
                    numbers(
                            "meanClosenessGap",
                            gap,
                            "pairedCheckIns",
                            pairs.size(),
                            "largeGapFrom",
                            InsightMaths.LARGE_GAP),
                    covers(lastPaired.get(0), lastPaired.get(lastPaired.size() - 1))));
        }
        return insights;
    }

    /** Screen time against closeness, for this couple (the guide's table, for them). */
    private static List<Insight> screenTime(Context c) {
        List<Insight> insights = new ArrayList<>();
        CoupleFacts facts = c.facts();
        // Screen time against closeness, for this couple (the guide's table, for them).
        Map<String, List<Integer>> byBucket = new TreeMap<>();
        facts.scores()
                .forEach(s -> byBucket.computeIfAbsent(s.screenTime(), b -> new ArrayList<>())
                        .add(s.closeness()));
        if (!byBucket.isEmpty()) {
            Map<String, Object> buckets = new LinkedHashMap<>();
            for (String bucket : List.of("UNDER_1H", "FROM_1_TO_3H", "OVER_3H")) {
                List<Integer> values = byBucket.getOrDefault(bucket, List.of());
                buckets.put(
                        bucketLabel(bucket),
                        values.isEmpty()
                                ? null
                                : Map.of(
                                        "averageCloseness",
                                        InsightMaths.round1(values.stream()
                                                .mapToInt(i -> i)
                                                .average()
                                                .orElse(0)),
                                        "checkIns",
                                        values.size()));
            }
            OptionalDouble low = avg(byBucket.get("UNDER_1H"));
            OptionalDouble high = avg(byBucket.get("OVER_3H"));
            String sentence = low.isPresent() && high.isPresent() && low.getAsDouble() > high.getAsDouble()
                    ? "On days with under an hour of screen time you felt closer ("
                            + InsightMaths.round1(low.getAsDouble()) + ") than with over three hours ("
                            + InsightMaths.round1(high.getAsDouble()) + ")."
                    : "Average closeness by daily screen time, from your check-ins.";
            insights.add(new Insight(
                    "screen-time-closeness",
                    Insight.Category.SCREEN_TIME,
                    sentence,
                    buckets,
                    covers(
                            facts.scores().get(0).period(),
                            facts.scores().get(facts.scores().size() - 1).period())));
        }
        return insights;
    }

    /** The five layers practised over 30 and 90 days, and the one to strengthen next. */
    private static List<Insight> layerCoverage(Context c) {
        List<Insight> insights = new ArrayList<>();
        CoupleFacts facts = c.facts();
        Instant now = c.now();
        // Layer coverage over 30 and 90 days.
        Map<Layer, Integer> last30 = InsightMaths.layerCounts(completedSince(facts, now.minus(Duration.ofDays(30))));
        Map<Layer, Integer> last90 = InsightMaths.layerCounts(completedSince(facts, now.minus(Duration.ofDays(90))));
        Layer next = InsightMaths.nextLayer(last90);
        List<String> practised = last90.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> label(e.getKey()))
                .toList();
        insights.add(new Insight(
                "layer-coverage",
                Insight.Category.LAYERS,
                (practised.isEmpty()
                                ? "You have not practised any of the five layers in the last 90 days."
                                : "In the last 90 days you practised " + String.join(", ", practised) + ".")
                        + " Next, strengthen " + label(next)
                        + ": intimacy grows like a spiral staircase, not a ladder, so coming back to a "
                        + "layer is progress too.",
                numbers("last30Days", layerMap(last30), "last90Days", layerMap(last90), "nextLayer", next.name()),
                new Covers(day(now.minus(Duration.ofDays(90))), day(now), 0)));
        return insights;
    }

    /** Micro-habits and rituals per week, and reminders acted on within a day. */
    private static List<Insight> consistency(Context c) {
        List<Insight> insights = new ArrayList<>();
        CoupleFacts facts = c.facts();
        Instant now = c.now();
        // Consistency: micro-habits and rituals per week, reminders acted on within a day.
        long habits = facts.sessions().stream()
                .filter(s -> s.completedAt() != null
                        && MICRO_HABITS.contains(s.kind())
                        && s.completedAt().isAfter(now.minus(Duration.ofDays(28))))
                .count();
        double perWeek = InsightMaths.round1(habits / 4.0);
        // Reminders of the last 30 days; one fired less than a day ago counts once acted on (it is still open).
        List<CoupleFacts.Fired> recent = facts.fired().stream()
                .filter(f -> f.firedAt().isAfter(now.minus(Duration.ofDays(30))))
                .filter(f -> f.firedAt().isBefore(now.minus(Duration.ofHours(24))) || actedOn(facts, f))
                .toList();
        long acted = recent.stream().filter(f -> actedOn(facts, f)).count();
        Double share = recent.isEmpty() ? null : InsightMaths.round1(100.0 * acted / recent.size());
        insights.add(new Insight(
                "consistency",
                Insight.Category.CONSISTENCY,
                "You did " + perWeek + " micro-habits and rituals a week over the " + "last four weeks"
                        + (share == null
                                ? "."
                                : ", and acted on " + Math.round(share) + "% of your reminders within a day."),
                numbers(
                        "microHabitsAndRitualsPerWeek",
                        perWeek,
                        "remindersConsidered",
                        recent.size(),
                        "remindersActedOnWithin24h",
                        acted,
                        "shareActedOnPercent",
                        share),
                new Covers(day(now.minus(Duration.ofDays(30))), day(now), 0)));
        return insights;
    }

    /** How many periods, from the current one back, the streak spans (an open current period included). */
    static int streakSpan(InsightMaths.Streak streak) {
        int span = streak.periods() + streak.frozen() + (streak.includesCurrent() ? 0 : 1);
        return Math.max(1, streak.periods() == 0 ? 1 : span);
    }

    /** Periods in which either member was on vacation (and which they did not complete anyway). */
    static Set<String> frozen(CoupleFacts facts, List<String> periods) {
        Set<String> frozen = new HashSet<>();
        for (String period : periods) {
            LocalDate start = PeriodMath.start(period);
            LocalDate end = PeriodMath.end(period);
            for (CoupleFacts.Vacation v : facts.vacations()) {
                if (!v.from().isAfter(end) && !v.until().isBefore(start)) {
                    frozen.add(period);
                }
            }
        }
        return frozen;
    }

    private static Insight trend(
            String id,
            String partner,
            String what,
            String scale,
            List<Integer> values,
            Voice voice,
            List<String> periods) {
        double ma4 = InsightMaths.round1(InsightMaths.movingAverage(values, 4).orElse(0));
        double ma12 = InsightMaths.round1(InsightMaths.movingAverage(values, 12).orElse(0));
        Direction direction = InsightMaths.direction(values);
        String sentence = voice.possessiveSubject(partner) + " " + what + ": " + ma4 + " on average over the last "
                + checkIns(Math.min(4, values.size())) + " (" + ma12 + " over the last "
                + checkIns(Math.min(12, values.size())) + ")"
                + switch (direction) {
                    case RISING -> ", rising.";
                    case FALLING -> ", falling.";
                    case STEADY -> ", steady.";
                    case TOO_FEW -> "; a direction shows after five check-ins.";
                };
        return new Insight(
                id + ":" + voice.ref(partner),
                Insight.Category.TREND,
                sentence,
                numbers(
                        "partnerId",
                        voice.ref(partner),
                        "scale",
                        scale,
                        "movingAverage4",
                        ma4,
                        "movingAverage12",
                        ma12,
                        "direction",
                        direction.name(),
                        "values",
                        values),
                covers(periods.get(0), periods.get(periods.size() - 1)));
    }

    private static String checkIns(int n) {
        return n == 1 ? "check-in" : n + " check-ins";
    }

    static List<Integer> series(
            CoupleFacts facts, String partner, List<String> periods, ToIntFunction<CoupleFacts.Score> value) {
        Set<String> window = new HashSet<>(periods);
        return facts.scores().stream()
                .filter(s -> s.partnerId().equals(partner) && window.contains(s.period()))
                .sorted(Comparator.comparing(CoupleFacts.Score::period))
                .map(value::applyAsInt)
                .toList();
    }

    static List<List<String>> completedSince(CoupleFacts facts, Instant since) {
        return facts.sessions().stream()
                .filter(s -> s.completedAt() != null && s.completedAt().isAfter(since))
                .map(CoupleFacts.Session::layers)
                .toList();
    }

    /** A check-in reminder is acted on by that partner checking in within 24 h; others by any practice together. */
    static boolean actedOn(CoupleFacts facts, CoupleFacts.Fired fired) {
        Instant until = fired.firedAt().plus(Duration.ofHours(24));
        if (fired.kind().equals("CHECK_IN")) {
            return facts.submitted().stream()
                    .anyMatch(s -> s.partnerId().equals(fired.partnerId())
                            && !s.submittedAt().isBefore(fired.firedAt())
                            && !s.submittedAt().isAfter(until));
        }
        return facts.sessions().stream()
                        .anyMatch(s -> s.completedAt() != null
                                && !s.completedAt().isBefore(fired.firedAt())
                                && !s.completedAt().isAfter(until))
                || facts.planDays().stream()
                        .anyMatch(d -> !d.completedAt().isBefore(fired.firedAt())
                                && !d.completedAt().isAfter(until));
    }

    static String next(String period) {
        return PeriodMath.of(
                PeriodMath.start(period).plusDays(PeriodMath.isWeek(period) ? 7 : 1), PeriodMath.isWeek(period));
    }

    static String label(Layer layer) {
        return switch (layer) {
            case SAFETY -> "emotional safety";
            case OPENNESS -> "openness";
            case EMPATHY -> "empathy";
            case SHARED_GROWTH -> "shared growth";
            case INTERDEPENDENCE -> "interdependence";
        };
    }

    static String bucketLabel(String bucket) {
        return switch (bucket) {
            case "UNDER_1H" -> "<1h";
            case "FROM_1_TO_3H" -> "1-3h";
            default -> ">3h";
        };
    }

    private static Map<String, Integer> layerMap(Map<Layer, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.forEach((layer, n) -> out.put(layer.name(), n));
        return out;
    }

    private static OptionalDouble avg(List<Integer> values) {
        return values == null
                ? OptionalDouble.empty()
                : values.stream().mapToInt(i -> i).average();
    }

    static Covers covers(String from, String to) {
        int periods = 1;
        for (String p = from; !p.equals(to) && periods < 1000; p = next(p)) {
            periods++;
        }
        return new Covers(from, to, periods);
    }

    static String day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    static Map<String, Object> numbers(Object... keyValues) {
        Map<String, Object> numbers = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            numbers.put((String) keyValues[i], keyValues[i + 1]);
        }
        return numbers;
    }
}
