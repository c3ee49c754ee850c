package app.hearth.insights.service;

import app.hearth.insights.service.PopulationTables.CoupleRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PopulationTablesTest {

    private static List<CoupleRow> couples(int n, String kind, String region, String screen, double closeness, Double detox) {
        List<CoupleRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new CoupleRow(kind, region, screen, closeness, detox));
        }
        return rows;
    }

    @Test
    void aCellOfFewerThanKCouplesIsSuppressedWithoutAnyNumber() {
        List<CoupleRow> rows = new ArrayList<>();
        rows.addAll(couples(6, "ROMANTIC", "Europe", "UNDER_1H", 6.2, null));
        rows.addAll(couples(4, "ROMANTIC", "Europe", "UNDER_1H", 4.0, 1.5));
        rows.addAll(couples(9, "FRIENDSHIP", "Asia", "OVER_3H", 6.0, null));

        List<PopulationTables.Table> tables = PopulationTables.of(rows, 10);
        PopulationTables.Table screen = tables.get(0);
        assertThat(screen.cells()).extracting(PopulationTables.Cell::group).containsExactly("UNDER_1H", "FROM_1_TO_3H", "OVER_3H");
        assertThat(screen.cells().get(0)).isEqualTo(new PopulationTables.Cell("UNDER_1H", 10, 60.0, false));
        assertThat(screen.cells().get(1)).isEqualTo(new PopulationTables.Cell("FROM_1_TO_3H", null, null, true));
        assertThat(screen.cells().get(2)).as("9 < k").isEqualTo(new PopulationTables.Cell("OVER_3H", null, null, true));

        assertThat(tables.get(1).cells().get(0)).as("detox: 4 couples").matches(PopulationTables.Cell::suppressed);
        assertThat(tables.get(2).cells()).extracting(PopulationTables.Cell::suppressed).containsExactly(false, true, true);
        assertThat(tables.get(3).cells()).extracting(PopulationTables.Cell::group).containsExactly("Asia", "Europe");
        assertThat(tables.get(3).cells()).extracting(PopulationTables.Cell::suppressed).containsExactly(true, false);
    }

    @Test
    void theDetoxCellAveragesTheChange() {
        List<CoupleRow> rows = new ArrayList<>(couples(5, "ROMANTIC", "Europe", "OVER_3H", 5.0, 1.0));
        rows.addAll(couples(5, "ROMANTIC", "Europe", "OVER_3H", 5.0, 0.0));
        assertThat(PopulationTables.of(rows, 10).get(1).cells().get(0)).isEqualTo(new PopulationTables.Cell("finished the detox", 10, 0.5, false));
    }

    @Test
    void regionsAreTheFirstPartOfTheZone() {
        assertThat(PopulationTables.region("Europe/Berlin")).isEqualTo("Europe");
        assertThat(PopulationTables.region("America/Argentina/Buenos_Aires")).isEqualTo("America");
        assertThat(PopulationTables.region("UTC")).isEqualTo("Other");
        assertThat(PopulationTables.region("Etc/GMT+5")).isEqualTo("Other");
        assertThat(PopulationTables.region(null)).isEqualTo("Other");
    }
}
