package app.hearth.exercise.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.events.ExerciseEvents.GentleSignal;
import app.hearth.events.ExerciseEvents.Mood;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafetySignalsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void onlyALowFeltSafeAfterIntenseWorkIsAFloodingSign() {
        assertThat(SafetySignals.lowFeltSafe(2, true)).isTrue();
        assertThat(SafetySignals.lowFeltSafe(1, true)).isTrue();
        assertThat(SafetySignals.lowFeltSafe(3, true)).isFalse();
        assertThat(SafetySignals.lowFeltSafe(1, false)).isFalse();
    }

    @Test
    void anxietyOrLonelinessCountsInTwoOfTheLastThreeCheckIns() {
        assertThat(SafetySignals.repeatedAnxiousOrLonely(List.of(Mood.ANXIOUS, Mood.CALM, Mood.LONELY)))
                .isTrue();
        assertThat(SafetySignals.repeatedAnxiousOrLonely(List.of(Mood.LONELY, Mood.LONELY)))
                .isTrue();
        assertThat(SafetySignals.repeatedAnxiousOrLonely(List.of(Mood.ANXIOUS))).isFalse();
        // Older than the last three check-ins does not count.
        assertThat(SafetySignals.repeatedAnxiousOrLonely(List.of(Mood.CALM, Mood.JOYFUL, Mood.ANXIOUS, Mood.ANXIOUS)))
                .isFalse();
        assertThat(SafetySignals.repeatedAnxiousOrLonely(List.of(Mood.SAD, Mood.TIRED, Mood.FRUSTRATED)))
                .isFalse();
        // A calm check-in after two anxious ones is no new sign (the period began with the second).
        assertThat(SafetySignals.repeatedAnxiousOrLonely(List.of(Mood.CALM, Mood.ANXIOUS, Mood.LONELY)))
                .isFalse();
        assertThat(SafetySignals.repeatedAnxiousOrLonely(List.of())).isFalse();
    }

    @Test
    void aGentlePeriodHoldsIntenseSessionsOnlyUntilItEnds() {
        Instant until = NOW.plus(Duration.ofDays(3));
        assertThat(SafetySignals.check(true, GentleSignal.LOW_FELT_SAFE, until, NOW))
                .hasValueSatisfying(refusal -> {
                    assertThat(refusal.type()).isEqualTo("gentle-period");
                    assertThat(refusal.detail())
                            .contains("2026-12-04", "paced, not forced", SafetySignals.FLOODING_GUIDANCE)
                            .doesNotContain("partner");
                });
        assertThat(SafetySignals.check(false, GentleSignal.LOW_FELT_SAFE, until, NOW))
                .isEmpty();
        assertThat(SafetySignals.check(true, GentleSignal.ANXIOUS_OR_LONELY, NOW, NOW))
                .isEmpty();
    }
}
