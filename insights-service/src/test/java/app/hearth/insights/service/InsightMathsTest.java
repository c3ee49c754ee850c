package app.hearth.insights.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.hearth.insights.service.InsightMaths.Direction;
import app.hearth.insights.service.InsightMaths.Layer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InsightMathsTest {
    static final List<String> WEEKS = List.of("2026-W48", "2026-W47", "2026-W46", "2026-W45", "2026-W44", "2026-W43");

    @Test
    void aStreakCountsConsecutiveCompletePeriodsAndTheOpenCurrentOneDoesNotBreakIt() {
        assertThat(InsightMaths.streak(WEEKS, Set.of("2026-W47", "2026-W46", "2026-W44"), Set.of()))
                .isEqualTo(new InsightMaths.Streak(2, false, 0));
        assertThat(InsightMaths.streak(WEEKS, Set.of("2026-W48", "2026-W47"), Set.of()))
                .isEqualTo(new InsightMaths.Streak(2, true, 0));
        assertThat(InsightMaths.streak(WEEKS, Set.of(), Set.of()).periods()).isZero();
    }

    @Test
    void aVacationFreezesTheStreakInsteadOfBreakingIt() {
        Set<String> complete = Set.of("2026-W48", "2026-W46", "2026-W45");
        assertThat(InsightMaths.streak(WEEKS, complete, Set.of()).periods())
                .as("without the vacation")
                .isEqualTo(1);
        assertThat(InsightMaths.streak(WEEKS, complete, Set.of("2026-W47")))
                .isEqualTo(new InsightMaths.Streak(3, true, 1));
    }

    @Test
    void movingAveragesUseTheLastValuesAvailable() {
        List<Integer> values = List.of(2, 3, 4, 5, 6, 7);
        assertThat(InsightMaths.movingAverage(values, 4).getAsDouble()).isCloseTo(5.5, within(1e-9));
        assertThat(InsightMaths.movingAverage(values, 12).getAsDouble()).isCloseTo(4.5, within(1e-9));
        assertThat(InsightMaths.movingAverage(List.of(), 4)).isEmpty();
    }

    @Test
    void directionComparesTheLastFourWithTheFourBefore() {
        assertThat(InsightMaths.direction(List.of(3, 3, 3, 3, 5, 5, 5, 5))).isEqualTo(Direction.RISING);
        assertThat(InsightMaths.direction(List.of(6, 6, 6, 6, 5, 5, 5, 4))).isEqualTo(Direction.FALLING);
        assertThat(InsightMaths.direction(List.of(5, 5, 5, 5, 5, 5, 5, 6)))
                .as("+0.25 is steady")
                .isEqualTo(Direction.STEADY);
        assertThat(InsightMaths.direction(List.of(5, 5, 5, 5))).isEqualTo(Direction.TOO_FEW);
    }

    @Test
    void alignmentIsTheMeanAbsoluteGap() {
        assertThat(InsightMaths.meanGap(List.of(new int[] {6, 3}, new int[] {2, 5}, new int[] {4, 4}))
                        .getAsDouble())
                .isCloseTo(2.0, within(1e-9));
        assertThat(InsightMaths.meanGap(List.of())).isEmpty();
    }

    @Test
    void fallingThreeTimesInARowAndPersistentlyLow() {
        assertThat(InsightMaths.fallingFor(List.of(6, 6, 5, 4, 3), 3)).isTrue();
        assertThat(InsightMaths.fallingFor(List.of(6, 5, 5, 4), 3))
                .as("a flat step is not a fall")
                .isFalse();
        assertThat(InsightMaths.fallingFor(List.of(5, 4, 3), 3)).as("too few").isFalse();
        assertThat(InsightMaths.persistentlyAtMost(List.of(8, 4, 3, 4), 3, 4)).isTrue();
        assertThat(InsightMaths.persistentlyAtMost(List.of(4, 3, 5), 3, 4)).isFalse();
    }

    @Test
    void theNextLayerIsTheLeastPractisedEarliestInTheGuideOnATie() {
        Map<Layer, Integer> counts = InsightMaths.layerCounts(
                List.of(List.of("SAFETY", "OPENNESS"), List.of("SAFETY"), List.of("EMPATHY", "NOT_A_LAYER")));
        assertThat(counts).containsEntry(Layer.SAFETY, 2).containsEntry(Layer.SHARED_GROWTH, 0);
        assertThat(InsightMaths.nextLayer(counts)).isEqualTo(Layer.SHARED_GROWTH);
        assertThat(InsightMaths.weakest(counts, 2)).containsExactly(Layer.SHARED_GROWTH, Layer.INTERDEPENDENCE);
        Map<Layer, Integer> none = new EnumMap<>(InsightMaths.layerCounts(List.of()));
        assertThat(InsightMaths.nextLayer(none)).isEqualTo(Layer.SAFETY);
    }

    @Test
    void periodsAcrossAYearBoundary() {
        assertThat(PeriodMath.previous("2026-W01")).isEqualTo("2025-W52");
        assertThat(PeriodMath.previous("2027-W01")).isEqualTo("2026-W53");
        assertThat(PeriodMath.lastN("2026-W02", 3)).containsExactly("2025-W52", "2026-W01", "2026-W02");
        assertThat(PeriodMath.start("2026-W48")).hasToString("2026-11-23");
        assertThat(PeriodMath.end("2026-W48")).hasToString("2026-11-29");
        assertThat(PeriodMath.previous("2026-03-01")).isEqualTo("2026-02-28");
    }

    @Test
    void aStreakCoversFromItsOldestPeriodToTheCurrentOne() {
        assertThat(CoupleInsights.streakSpan(new InsightMaths.Streak(1, true, 0)))
                .isEqualTo(1);
        assertThat(CoupleInsights.streakSpan(new InsightMaths.Streak(2, false, 0)))
                .as("open current week + 2")
                .isEqualTo(3);
        assertThat(CoupleInsights.streakSpan(new InsightMaths.Streak(3, true, 1)))
                .isEqualTo(4);
        assertThat(CoupleInsights.streakSpan(new InsightMaths.Streak(0, false, 0)))
                .isEqualTo(1);
    }
}
