package app.hearth.insights.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The guide's tables from Hearth's own data, k-anonymous: a cell built from fewer than k couples is marked
 * suppressed and carries no number at all (not an approximation). Only aggregates leave: no couple or person id.
 */
public final class PopulationTables {
    /** A couple's average closeness (1–7) from this on counts as "high closeness". */
    public static final double HIGH_CLOSENESS = 5.5;

    /** One couple, anonymised: what the tables group by and measure. {@code detoxChange} null: no detox before/after. */
    public record CoupleRow(String kind, String region, String screenTime, double averageCloseness, Double detoxChange) {
    }

    public record Cell(String group, Integer couples, Double value, boolean suppressed) {
        static Cell of(String group, List<Double> values, int k, boolean share) {
            if (values.size() < k) {
                return new Cell(group, null, null, true);
            }
            double value = share ? 100.0 * values.stream().filter(v -> v >= HIGH_CLOSENESS).count() / values.size()
                    : values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            return new Cell(group, values.size(), InsightMaths.round1(value), false);
        }
    }

    public record Table(String title, String measure, List<Cell> cells) {
    }

    private PopulationTables() {
    }

    public static List<Table> of(List<CoupleRow> couples, int k) {
        List<Table> tables = new ArrayList<>();
        tables.add(new Table("High closeness by daily screen time", "percent of couples with average closeness >= "
                + HIGH_CLOSENESS, cells(couples, CoupleRow::screenTime, List.of("UNDER_1H", "FROM_1_TO_3H", "OVER_3H"), k, true, false)));
        List<Double> detox = couples.stream().map(CoupleRow::detoxChange).filter(java.util.Objects::nonNull).toList();
        tables.add(new Table("Closeness change after the 7-day digital detox", "average change in closeness (1-7 scale), "
                + "check-ins after against before", List.of(Cell.of("finished the detox", detox, k, false))));
        tables.add(new Table("High closeness by relationship kind", "percent of couples with average closeness >= "
                + HIGH_CLOSENESS, cells(couples, CoupleRow::kind, List.of("ROMANTIC", "FRIENDSHIP", "FAMILY"), k, true, false)));
        tables.add(new Table("High closeness by region of time zone", "percent of couples with average closeness >= "
                + HIGH_CLOSENESS, cells(couples, CoupleRow::region, List.of(), k, true, true)));
        return tables;
    }

    private static List<Cell> cells(List<CoupleRow> couples, Function<CoupleRow, String> group, List<String> fixedGroups, int k,
                                    boolean share, boolean anyGroup) {
        Map<String, List<Double>> byGroup = new LinkedHashMap<>();
        fixedGroups.forEach(g -> byGroup.put(g, new ArrayList<>()));
        couples.stream().sorted(java.util.Comparator.comparing(c -> String.valueOf(group.apply(c)))).forEach(c -> {
            String g = group.apply(c);
            if (g != null && (anyGroup || byGroup.containsKey(g))) {
                byGroup.computeIfAbsent(g, x -> new ArrayList<>()).add(c.averageCloseness());
            }
        });
        return byGroup.entrySet().stream().map(e -> Cell.of(e.getKey(), e.getValue(), k, share)).toList();
    }

    /** The region of an IANA zone: its first part (Europe, America, Asia, ...), or "Other". */
    public static String region(String zone) {
        if (zone == null || !zone.contains("/")) {
            return "Other";
        }
        String region = zone.substring(0, zone.indexOf('/'));
        return List.of("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")
                .contains(region) ? region : "Other";
    }
}
