package app.hearth.insights.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Hearth's own tables on the guide's topics, k-anonymous (each says what it measures: only
 * {@link #screenTimeAsTheGuide} has the shape of one of the guide's published tables): a cell built from fewer than k couples is marked
 * suppressed and carries no number at all (not an approximation). Only aggregates leave: no couple or person id.
 *
 * <p>A table is published whole or not at all: if any of its cells has fewer than k couples, every cell of it is
 * suppressed. Suppressing only the small cell would not do: subtracted from a total known from another table, the
 * published cells give it back; and complementary suppression (hiding more cells, chosen by size) lets whoever knows
 * the rule narrow the hidden counts down to one answer (cells under k adding up to a known sum). Every table lists
 * the same fixed, coarse groups whatever the data, so a group's presence tells nothing either; regions are coarse
 * so that the table is publishable with a realistic population.
 */
public final class PopulationTables {
    /** A couple's average closeness (1–7) from this on counts as "high closeness". */
    public static final double HIGH_CLOSENESS = 5.5;

    /**
     * One couple, anonymised: what the tables group by and measure. {@code detoxChange} null: no detox before/after;
     * {@code detoxChangeByDay}: the change after each detox day's activity the couple completed.
     */
    public record CoupleRow(
            String kind,
            String region,
            String screenTime,
            double averageCloseness,
            Double detoxChange,
            Map<Integer, Double> detoxChangeByDay,
            double averageSatisfaction) {
        public CoupleRow(String kind, String region, String screenTime, double averageCloseness, Double detoxChange) {
            this(kind, region, screenTime, averageCloseness, detoxChange, Map.of(), 10);
        }
    }

    /** A couple's average satisfaction (1-10) at or below this counts as "reporting low satisfaction". */
    public static final double LOW_SATISFACTION = 4;

    /** The guide's screen-time buckets, its labels and its published figures (AARP, 2024; Gottman Institute/Pew, 2025). */
    public record GuideScreenTimeRow(
            String bucket, String label, int highIntimacyPercent, int lowSatisfactionPercent) {}

    public static final List<GuideScreenTimeRow> GUIDE_SCREEN_TIME = List.of(
            new GuideScreenTimeRow("UNDER_1H", "<1 hour", 68, 14),
            new GuideScreenTimeRow("FROM_1_TO_3H", "1-3 hours", 50, 28),
            new GuideScreenTimeRow("OVER_3H", ">3 hours", 29, 46));

    public static final String GUIDE_SCREEN_TIME_SOURCE =
            "Original analysis based on AARP, 2024, Gottman Institute/Pew, 2025 (as the guide gives it)";

    /**
     * One bucket of the guide's screen-time table beside Hearth's own couples in that bucket (their most frequent
     * answer): the share whose average closeness is high ({@link #HIGH_CLOSENESS} of 7) and the share whose average
     * satisfaction is low ({@link #LOW_SATISFACTION} of 10). Hearth's figures are null when suppressed (fewer than k
     * couples in any bucket: the table is published whole or not at all).
     */
    public record ScreenTimeRow(
            String bucket,
            String label,
            int guideHighIntimacyPercent,
            int guideLowSatisfactionPercent,
            @Schema(nullable = true) Integer hearthCouples,
            @Schema(nullable = true) Double hearthHighClosenessPercent,
            @Schema(nullable = true) Double hearthLowSatisfactionPercent,
            boolean suppressed) {}

    /** The guide's screen-time table, row by row, beside Hearth's own couples measured the same way as far as it can. */
    public static List<ScreenTimeRow> screenTimeAsTheGuide(List<CoupleRow> couples, int k) {
        Map<String, List<CoupleRow>> byBucket = new LinkedHashMap<>();
        GUIDE_SCREEN_TIME.forEach(r -> byBucket.put(r.bucket(), new ArrayList<>()));
        couples.forEach(c -> {
            List<CoupleRow> bucket = byBucket.get(c.screenTime());
            if (bucket != null) {
                bucket.add(c);
            }
        });
        boolean suppress = byBucket.values().stream().anyMatch(b -> b.size() < k);
        return GUIDE_SCREEN_TIME.stream()
                .map(g -> {
                    List<CoupleRow> bucket = byBucket.get(g.bucket());
                    if (suppress) {
                        return new ScreenTimeRow(
                                g.bucket(),
                                g.label(),
                                g.highIntimacyPercent(),
                                g.lowSatisfactionPercent(),
                                null,
                                null,
                                null,
                                true);
                    }
                    return new ScreenTimeRow(
                            g.bucket(),
                            g.label(),
                            g.highIntimacyPercent(),
                            g.lowSatisfactionPercent(),
                            bucket.size(),
                            InsightMaths.round1(100.0
                                    * bucket.stream()
                                            .filter(c -> c.averageCloseness() >= HIGH_CLOSENESS)
                                            .count()
                                    / bucket.size()),
                            InsightMaths.round1(100.0
                                    * bucket.stream()
                                            .filter(c -> c.averageSatisfaction() <= LOW_SATISFACTION)
                                            .count()
                                    / bucket.size()),
                            false);
                })
                .toList();
    }

    /** The 7-day digital detox's daily activities, as the guide lays them out (a row each). */
    static final List<String> DETOX_ACTIVITIES = List.of(
            "day 1: no devices at dinner",
            "day 2: a phone-free walk",
            "day 3: a TV-free evening",
            "day 4: plan offline time",
            "day 5: repeat and refine",
            "day 6: repeat and refine",
            "day 7: review the week");

    public record Cell(
            String group,
            @Schema(nullable = true) Integer couples,
            @Schema(nullable = true) Double value,
            boolean suppressed) {
        static Cell of(String group, List<Double> values, boolean suppress, boolean share) {
            if (suppress) {
                return new Cell(group, null, null, true);
            }
            double value = share
                    ? 100.0 * values.stream().filter(v -> v >= HIGH_CLOSENESS).count() / values.size()
                    : values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            return new Cell(group, values.size(), InsightMaths.round1(value), false);
        }
    }

    public record Table(String title, String measure, List<Cell> cells) {}

    private PopulationTables() {}

    public static List<Table> of(List<CoupleRow> couples, int k) {
        List<Table> tables = new ArrayList<>();
        tables.add(new Table(
                "Couples with high average closeness, by daily screen time (Hearth's measure, not the guide's survey)",
                "percent of couples with average closeness >= " + HIGH_CLOSENESS,
                cells(couples, CoupleRow::screenTime, List.of("UNDER_1H", "FROM_1_TO_3H", "OVER_3H"), k, true)));
        Map<String, List<Double>> detox = new LinkedHashMap<>();
        detox.put(
                "finished the detox",
                couples.stream()
                        .map(CoupleRow::detoxChange)
                        .filter(Objects::nonNull)
                        .toList());
        for (int day = 1; day <= DETOX_ACTIVITIES.size(); day++) {
            int d = day;
            detox.put(
                    DETOX_ACTIVITIES.get(day - 1),
                    couples.stream()
                            .map(c -> c.detoxChangeByDay().get(d))
                            .filter(Objects::nonNull)
                            .toList());
        }
        Set<String> detoxHidden = suppressed(detox, k);
        tables.add(new Table(
                "Closeness change after the 7-day digital detox, and after each of its activities",
                "average change in closeness (1-7 scale), check-ins after against before the detox",
                detox.entrySet().stream()
                        .map(e -> Cell.of(e.getKey(), e.getValue(), detoxHidden.contains(e.getKey()), false))
                        .toList()));
        tables.add(new Table(
                "Couples with high average closeness, by relationship kind",
                "percent of couples with average closeness >= " + HIGH_CLOSENESS,
                cells(couples, CoupleRow::kind, List.of("ROMANTIC", "FRIENDSHIP", "FAMILY"), k, true)));
        tables.add(new Table(
                "Couples with high average closeness, by region of time zone",
                "percent of couples with average closeness >= " + HIGH_CLOSENESS,
                cells(couples, CoupleRow::region, REGIONS, k, true)));
        return tables;
    }

    private static List<Cell> cells(
            List<CoupleRow> couples, Function<CoupleRow, String> group, List<String> groups, int k, boolean share) {
        Map<String, List<Double>> byGroup = new LinkedHashMap<>();
        groups.forEach(g -> byGroup.put(g, new ArrayList<>()));
        couples.forEach(c -> {
            List<Double> cell = byGroup.get(group.apply(c));
            if (cell != null) {
                cell.add(c.averageCloseness());
            }
        });
        Set<String> suppressed = suppressed(byGroup, k);
        return byGroup.entrySet().stream()
                .map(e -> Cell.of(e.getKey(), e.getValue(), suppressed.contains(e.getKey()), share))
                .toList();
    }

    /** Every group when any has fewer than k couples (the table is then published without a number), else none. */
    static Set<String> suppressed(Map<String, List<Double>> byGroup, int k) {
        return byGroup.values().stream().anyMatch(values -> values.size() < k) ? byGroup.keySet() : Set.of();
    }

    /** Every region a zone can fall in: always listed, so a region appearing or not tells nothing. */
    static final List<String> REGIONS = List.of("Americas", "Europe and Africa", "Asia and Oceania", "Other");

    /** The coarse region of an IANA zone, from its first part (Europe/..., America/..., Asia/...), or "Other". */
    public static String region(String zone) {
        if (zone == null || !zone.contains("/")) {
            return "Other";
        }
        String region = zone.substring(0, zone.indexOf('/'));
        return switch (region) {
            case "America", "Atlantic" -> "Americas";
            case "Europe", "Africa" -> "Europe and Africa";
            case "Asia", "Australia", "Pacific", "Indian", "Antarctica" -> "Asia and Oceania";
            default -> "Other";
        };
    }
}
