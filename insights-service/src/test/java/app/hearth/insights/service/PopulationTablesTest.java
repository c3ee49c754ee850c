package app.hearth.insights.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.insights.service.PopulationTables.CoupleRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PopulationTablesTest {

    private static List<CoupleRow> couples(
            int n, String kind, String region, String screen, double closeness, Double detox) {
        List<CoupleRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new CoupleRow(kind, region, screen, closeness, detox));
        }
        return rows;
    }

    @Test
    void aTableWithACellOfFewerThanKCouplesIsPublishedWithoutAnyNumber() {
        List<CoupleRow> rows = new ArrayList<>();
        rows.addAll(couples(6, "ROMANTIC", "Europe and Africa", "UNDER_1H", 6.2, null));
        rows.addAll(couples(4, "ROMANTIC", "Europe and Africa", "UNDER_1H", 4.0, 1.5));
        rows.addAll(couples(12, "FRIENDSHIP", "Asia and Oceania", "OVER_3H", 6.0, null));
        rows.addAll(couples(11, "FAMILY", "Americas", "FROM_1_TO_3H", 5.0, null));
        rows.addAll(couples(10, "FAMILY", "Other", "FROM_1_TO_3H", 5.0, null));

        List<PopulationTables.Table> tables = PopulationTables.of(rows, 10);
        PopulationTables.Table screen = tables.get(0);
        assertThat(screen.cells())
                .extracting(PopulationTables.Cell::group)
                .containsExactly("UNDER_1H", "FROM_1_TO_3H", "OVER_3H");
        assertThat(screen.cells())
                .containsExactly(
                        new PopulationTables.Cell("UNDER_1H", 10, 60.0, false),
                        new PopulationTables.Cell("FROM_1_TO_3H", 21, 0.0, false),
                        new PopulationTables.Cell("OVER_3H", 12, 100.0, false));
        assertThat(tables.get(1).cells().get(0)).as("detox: 4 couples").matches(PopulationTables.Cell::suppressed);
        assertThat(tables.get(2).cells())
                .extracting(PopulationTables.Cell::couples)
                .containsExactly(10, 12, 21);
        // Regions: all four listed; each has at least 10 couples.
        assertThat(tables.get(3).cells())
                .extracting(PopulationTables.Cell::group)
                .containsExactlyElementsOf(PopulationTables.REGIONS);
        assertThat(tables.get(3).cells()).noneMatch(PopulationTables.Cell::suppressed);

        // One couple fewer in "Other" (9 < k): the whole region table goes dark, not just that cell.
        rows.remove(rows.size() - 1);
        assertThat(PopulationTables.of(rows, 10).get(3).cells())
                .allMatch(c -> c.suppressed() && c.couples() == null && c.value() == null);
    }

    @Test
    void theOldLeakIsClosed() {
        // Before: 63 couples in the kind table, 30 + 30 shown by screen time, so the 3 in between were 63 - 60.
        List<CoupleRow> rows = new ArrayList<>();
        for (String kind : List.of("ROMANTIC", "FRIENDSHIP", "FAMILY")) {
            rows.addAll(couples(10, kind, "Europe", "UNDER_1H", 6.0, null));
            rows.addAll(couples(1, kind, "Europe", "FROM_1_TO_3H", 3.0, null));
            rows.addAll(couples(10, kind, "Europe", "OVER_3H", 5.0, null));
        }
        List<PopulationTables.Table> tables = PopulationTables.of(rows, 5);
        assertThat(tables.get(2).cells())
                .extracting(PopulationTables.Cell::couples)
                .containsExactly(21, 21, 21);
        assertThat(tables.get(0).cells())
                .extracting(PopulationTables.Cell::suppressed)
                .containsExactly(true, true, true);
    }

    /**
     * The proof, on many populations: for every suppressed cell, a second population exists that publishes exactly
     * the same tables but has a different number of couples in that cell (one couple moved between it and another
     * suppressed cell). Whatever is subtracted from whatever, the published numbers cannot tell the two apart.
     */
    @Test
    void noSuppressedCellCanBeRecoveredFromAnyPublishedNumbers() {
        Random random = new Random(20261126);
        List<String> screens = Arrays.asList("UNDER_1H", "FROM_1_TO_3H", "OVER_3H", null);
        List<String> kinds = List.of("ROMANTIC", "FRIENDSHIP", "FAMILY");
        int checked = 0;
        for (int trial = 0; trial < 300; trial++) {
            int k = 3 + random.nextInt(8);
            List<CoupleRow> rows = new ArrayList<>();
            int n = random.nextInt(90);
            for (int i = 0; i < n; i++) {
                // Skewed draws, so that small cells (the interesting ones) are common.
                rows.add(new CoupleRow(
                        kinds.get(skewed(random, 3)),
                        PopulationTables.REGIONS.get(skewed(random, 4)),
                        screens.get(skewed(random, 4)),
                        1 + random.nextInt(7),
                        random.nextBoolean() ? null : random.nextInt(5) - 2.0));
            }
            List<PopulationTables.Table> published = PopulationTables.of(rows, k);
            for (int t : new int[] {0, 2, 3}) {
                List<PopulationTables.Cell> cells = published.get(t).cells();
                List<String> hidden = cells.stream()
                        .filter(PopulationTables.Cell::suppressed)
                        .map(PopulationTables.Cell::group)
                        .toList();
                assertThat(hidden.size())
                        .as("a table is published whole or not at all")
                        .isIn(0, cells.size());
                for (String cell : hidden) {
                    int table = t;
                    long count = rows.stream()
                            .filter(r -> cell.equals(attribute(r, table)))
                            .count();
                    assertThat(alternatives(rows, t, cell, hidden))
                            .as(
                                    "trial %d, table %d, cell %s: another population "
                                            + "publishes the same tables with another count there (k %d, counts %s, published %s)",
                                    trial,
                                    t,
                                    cell,
                                    k,
                                    rows.stream()
                                            .collect(Collectors.groupingBy(
                                                    r -> String.valueOf(attribute(r, table)), Collectors.counting())),
                                    cells)
                            .anySatisfy(other -> {
                                assertThat(PopulationTables.of(other, k)).isEqualTo(published);
                                assertThat(other.stream()
                                                .filter(r -> cell.equals(attribute(r, table)))
                                                .count())
                                        .isNotEqualTo(count);
                            });
                    checked++;
                }
            }
        }
        assertThat(checked).as("suppressed cells examined").isGreaterThan(500);
    }

    private static int skewed(Random random, int bound) {
        return Math.min(bound - 1, (int) Math.floor(Math.abs(random.nextGaussian()) * bound / 2.5));
    }

    private static String attribute(CoupleRow row, int table) {
        return switch (table) {
            case 0 -> row.screenTime();
            case 2 -> row.kind();
            default -> row.region();
        };
    }

    private static CoupleRow with(CoupleRow row, int table, String value) {
        return switch (table) {
            case 0 -> new CoupleRow(row.kind(), row.region(), value, row.averageCloseness(), row.detoxChange());
            case 2 -> new CoupleRow(value, row.region(), row.screenTime(), row.averageCloseness(), row.detoxChange());
            default -> new CoupleRow(row.kind(), value, row.screenTime(), row.averageCloseness(), row.detoxChange());
        };
    }

    /**
     * The same couples with one moved into or out of {@code cell}: to or from each other hidden cell, from no group,
     * or one more couple (seen in no other table's hidden cells... but in the others: same kind, region and screen).
     */
    private static List<List<CoupleRow>> alternatives(
            List<CoupleRow> rows, int table, String cell, List<String> hidden) {
        List<List<CoupleRow>> candidates = new ArrayList<>();
        for (String elsewhere : hidden) {
            if (elsewhere.equals(cell)) {
                continue;
            }
            for (String[] move : new String[][] {{cell, elsewhere}, {elsewhere, cell}}) {
                for (int i = 0; i < rows.size(); i++) {
                    if (move[0].equals(attribute(rows.get(i), table))) {
                        List<CoupleRow> other = new ArrayList<>(rows);
                        other.set(i, with(rows.get(i), table, move[1]));
                        candidates.add(other);
                        break;
                    }
                }
            }
        }
        // One couple more, in this cell, otherwise like an existing one (or, with nobody yet, like nobody else).
        CoupleRow like = rows.isEmpty() ? new CoupleRow("ROMANTIC", "Other", null, 4, null) : rows.get(0);
        List<CoupleRow> more = new ArrayList<>(rows);
        more.add(with(
                new CoupleRow(like.kind(), like.region(), like.screenTime(), like.averageCloseness(), null),
                table,
                cell));
        candidates.add(more);
        if (table == 0) { // screen time may be unknown: a couple can also come from, or go to, no group
            for (int i = 0; i < rows.size(); i++) {
                String from = attribute(rows.get(i), table);
                if (from == null || from.equals(cell)) {
                    List<CoupleRow> other = new ArrayList<>(rows);
                    other.set(i, with(rows.get(i), table, from == null ? cell : null));
                    candidates.add(other);
                }
            }
        }
        return candidates;
    }

    @Test
    void theDetoxTableAveragesTheChangeOverallAndPerActivity() {
        List<CoupleRow> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<Integer, Double> byDay = new HashMap<>();
            for (int day = 1; day <= 7; day++) {
                byDay.put(day, i < 5 ? day / 7.0 : 0.0);
            }
            rows.add(new CoupleRow("ROMANTIC", "Other", "OVER_3H", 5.0, i < 5 ? 1.0 : 0.0, byDay, 7));
        }
        PopulationTables.Table detox = PopulationTables.of(rows, 10).get(1);
        assertThat(detox.cells()).hasSize(8);
        assertThat(detox.cells().get(0)).isEqualTo(new PopulationTables.Cell("finished the detox", 10, 0.5, false));
        assertThat(detox.cells().get(1))
                .isEqualTo(new PopulationTables.Cell("day 1: no devices at dinner", 10, 0.1, false));
        assertThat(detox.cells().get(7)).isEqualTo(new PopulationTables.Cell("day 7: review the week", 10, 0.5, false));
        // One couple fewer did day 7: the whole table goes dark, or day 7 could be read off the finishers' row.
        Map<Integer, Double> fewer = new HashMap<>(rows.get(0).detoxChangeByDay());
        fewer.remove(7);
        rows.set(0, new CoupleRow("ROMANTIC", "Other", "OVER_3H", 5.0, 1.0, fewer, 7));
        assertThat(PopulationTables.of(rows, 10).get(1).cells()).allMatch(PopulationTables.Cell::suppressed);
    }

    @Test
    void regionsAreCoarseGroupsOfTheZonesFirstPart() {
        assertThat(PopulationTables.region("Europe/Berlin")).isEqualTo("Europe and Africa");
        assertThat(PopulationTables.region("America/Argentina/Buenos_Aires")).isEqualTo("Americas");
        assertThat(PopulationTables.region("Pacific/Auckland")).isEqualTo("Asia and Oceania");
        assertThat(PopulationTables.region("UTC")).isEqualTo("Other");
        assertThat(PopulationTables.region("Etc/GMT+5")).isEqualTo("Other");
        assertThat(PopulationTables.region(null)).isEqualTo("Other");
    }

    @Test
    void theScreenTimeTableHasTheGuidesShapeItsFiguresBesideHearthsAndIsWholeOrNothing() {
        List<CoupleRow> rows = new ArrayList<>();
        for (String bucket : List.of("UNDER_1H", "FROM_1_TO_3H", "OVER_3H")) {
            for (int i = 0; i < 4; i++) {
                // Under an hour: every couple close and content; over three hours: half of them not.
                boolean strained = bucket.equals("OVER_3H") && i % 2 == 0;
                rows.add(new CoupleRow(
                        "ROMANTIC", "Europe and Africa", bucket, strained ? 3 : 6, null, Map.of(), strained ? 3 : 8));
            }
        }
        List<PopulationTables.ScreenTimeRow> table = PopulationTables.screenTimeAsTheGuide(rows, 4);
        assertThat(table)
                .extracting(PopulationTables.ScreenTimeRow::label)
                .containsExactly("<1 hour", "1-3 hours", ">3 hours");
        assertThat(table)
                .extracting(PopulationTables.ScreenTimeRow::guideHighIntimacyPercent)
                .containsExactly(68, 50, 29);
        assertThat(table)
                .extracting(PopulationTables.ScreenTimeRow::guideLowSatisfactionPercent)
                .containsExactly(14, 28, 46);
        assertThat(table.get(0).hearthHighClosenessPercent()).isEqualTo(100.0);
        assertThat(table.get(2).hearthHighClosenessPercent()).isEqualTo(50.0);
        assertThat(table.get(2).hearthLowSatisfactionPercent()).isEqualTo(50.0);
        assertThat(table.get(2).hearthCouples()).isEqualTo(4);
        // One bucket under k: none of Hearth's figures, the guide's still there.
        List<PopulationTables.ScreenTimeRow> hidden = PopulationTables.screenTimeAsTheGuide(rows.subList(1, 12), 4);
        assertThat(hidden).allSatisfy(r -> {
            assertThat(r.suppressed()).isTrue();
            assertThat(r.hearthCouples()).isNull();
            assertThat(r.hearthHighClosenessPercent()).isNull();
            assertThat(r.guideHighIntimacyPercent()).isPositive();
        });
    }
}
