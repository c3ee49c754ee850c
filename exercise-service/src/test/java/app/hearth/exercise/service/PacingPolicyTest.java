package app.hearth.exercise.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.exercise.Layer;
import app.hearth.exercise.Level;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PacingPolicyTest {
    private static final Set<Layer> GROWTH = EnumSet.of(Layer.SHARED_GROWTH, Layer.INTERDEPENDENCE);

    @Test
    void gentlerLevelsAreNeverHeldBack() {
        assertThat(PacingPolicy.check(Level.BEGINNER, GROWTH, false, 10, 2, Set.of()))
                .isEmpty();
        assertThat(PacingPolicy.check(Level.INTERMEDIATE, GROWTH, false, 10, 2, Set.of()))
                .isEmpty();
    }

    @Test
    void advancedNeedsAFoundationInEveryLayerOrAnAcknowledgement() {
        assertThat(PacingPolicy.check(Level.ADVANCED, GROWTH, false, 0, 2, EnumSet.of(Layer.SHARED_GROWTH)))
                .hasValueSatisfying(r -> {
                    assertThat(r.type()).isEqualTo("advanced-without-foundation");
                    assertThat(r.detail())
                            .contains("interdependence")
                            .doesNotContain("shared growth")
                            .contains("acknowledgeAdvanced");
                });
        assertThat(PacingPolicy.check(Level.ADVANCED, GROWTH, true, 0, 2, Set.of()))
                .isEmpty();
        assertThat(PacingPolicy.check(Level.ADVANCED, GROWTH, false, 0, 2, GROWTH))
                .isEmpty();
    }

    @Test
    void theWeeklyLimitHoldsEvenWithAnAcknowledgement() {
        assertThat(PacingPolicy.check(Level.ADVANCED, GROWTH, true, 1, 2, GROWTH))
                .isEmpty();
        assertThat(PacingPolicy.check(Level.ADVANCED, GROWTH, true, 2, 2, GROWTH))
                .hasValueSatisfying(r -> assertThat(r.type()).isEqualTo("pacing-limit"));
    }
}
