package app.hearth.insights.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.insights.service.ExerciseCatalogueClient.Exercise;
import app.hearth.insights.service.InsightMaths.Layer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecommenderTest {
    static final Set<String> ALL = Set.of("ROMANTIC", "FRIENDSHIP", "FAMILY");
    static final List<Exercise> CATALOGUE = List.of(
            new Exercise(
                    "digital-detox-7-day",
                    "7-day digital detox",
                    "",
                    Set.of("SAFETY", "INTERDEPENDENCE"),
                    "PLAN",
                    "BEGINNER",
                    30,
                    ALL,
                    false),
            new Exercise("silent-walk", "Silent walk", "", Set.of("SAFETY"), "RITUAL", "BEGINNER", 30, ALL, false),
            new Exercise(
                    "shared-discomfort-physical",
                    "Physical challenge",
                    "",
                    Set.of("SHARED_GROWTH"),
                    "CHALLENGE",
                    "ADVANCED",
                    240,
                    Set.of("ROMANTIC"),
                    true),
            new Exercise(
                    "no-judgment-zone",
                    "No-judgment zone",
                    "",
                    Set.of("OPENNESS", "EMPATHY"),
                    "CONVERSATION",
                    "INTERMEDIATE",
                    30,
                    ALL,
                    true),
            new Exercise(
                    "booster-gratitude-exchange",
                    "Gratitude exchange",
                    "",
                    Set.of("EMPATHY"),
                    "BOOSTER",
                    "BEGINNER",
                    5,
                    ALL,
                    false),
            new Exercise(
                    "booster-shared-playlist",
                    "Shared playlist",
                    "",
                    Set.of("SHARED_GROWTH"),
                    "BOOSTER",
                    "BEGINNER",
                    5,
                    ALL,
                    false),
            new Exercise(
                    "friends-and-family-adaptation",
                    "Adaptation",
                    "",
                    Set.of("OPENNESS"),
                    "CONVERSATION",
                    "BEGINNER",
                    20,
                    Set.of("FRIENDSHIP", "FAMILY"),
                    false),
            new Exercise(
                    "radical-vulnerability",
                    "Radical vulnerability",
                    "",
                    Set.of("OPENNESS"),
                    "CONVERSATION",
                    "INTERMEDIATE",
                    30,
                    Set.of("ROMANTIC"),
                    true));

    static Map<Layer, Integer> practice(int safety, int openness, int empathy, int growth, int inter) {
        return Map.of(
                Layer.SAFETY,
                safety,
                Layer.OPENNESS,
                openness,
                Layer.EMPATHY,
                empathy,
                Layer.SHARED_GROWTH,
                growth,
                Layer.INTERDEPENDENCE,
                inter);
    }

    @Test
    void weakLayersComeFirstWithTheirReason() {
        var picks = Recommender.rank(
                CATALOGUE,
                new Recommender.Situation("ROMANTIC", practice(3, 3, 3, 0, 2), false, false, false, Set.of(), null),
                3);
        assertThat(picks.get(0).slug()).isIn("shared-discomfort-physical", "booster-shared-playlist");
        assertThat(picks.get(0).reasons()).anyMatch(r -> r.contains("shared growth"));
    }

    @Test
    void highScreenTimePutsTheDetoxFirstAndARecentPauseRulesOutAdvancedWork() {
        var picks = Recommender.rank(
                CATALOGUE,
                new Recommender.Situation("ROMANTIC", practice(1, 1, 1, 0, 1), true, true, false, Set.of(), null),
                10);
        assertThat(picks.get(0).slug()).isEqualTo("digital-detox-7-day");
        assertThat(picks.get(0).reasons()).anyMatch(r -> r.contains("screen time"));
        assertThat(picks).noneMatch(p -> p.level().equals("ADVANCED"));
        assertThat(picks.stream()
                        .filter(p -> p.slug().equals("silent-walk"))
                        .findFirst()
                        .orElseThrow()
                        .reasons())
                .anyMatch(r -> r.contains("phone-free"));
    }

    @Test
    void fiveMinutesMeansBoostersAndFriendsGetTheirAdaptation() {
        var quick = Recommender.rank(
                CATALOGUE,
                new Recommender.Situation("ROMANTIC", practice(1, 1, 1, 1, 1), false, false, false, Set.of(), 5),
                10);
        assertThat(quick).extracting(Recommender.Recommendation::kind).containsOnly("BOOSTER");
        var friends = Recommender.rank(
                CATALOGUE,
                new Recommender.Situation("FRIENDSHIP", practice(1, 1, 1, 1, 1), false, false, false, Set.of(), null),
                10);
        assertThat(friends)
                .extracting(Recommender.Recommendation::slug)
                .doesNotContain("radical-vulnerability", "shared-discomfort-physical");
        assertThat(friends.get(0).slug()).isEqualTo("friends-and-family-adaptation");
    }

    @Test
    void theSameSituationAlwaysGivesTheSameList() {
        var situation = new Recommender.Situation(
                "ROMANTIC", practice(2, 2, 2, 2, 2), false, false, false, Set.of("silent-walk"), null);
        List<Exercise> shuffled = new ArrayList<>(CATALOGUE);
        Collections.reverse(shuffled);
        assertThat(Recommender.rank(CATALOGUE, situation, 10)).isEqualTo(Recommender.rank(shuffled, situation, 10));
    }

    @Test
    void afterASignOfFloodingNoIntenseExerciseIsRecommendedAndBeginnerOnesComeFirst() {
        // The case: a new romantic couple, nothing practised yet, paused this week (or a low "felt safe").
        for (boolean pause : List.of(true, false)) {
            var picks = Recommender.rank(
                    CATALOGUE,
                    new Recommender.Situation(
                            "ROMANTIC", practice(0, 0, 0, 0, 0), false, pause, !pause, Set.of(), null),
                    10);
            assertThat(picks)
                    .extracting(Recommender.Recommendation::slug)
                    .doesNotContain("no-judgment-zone", "radical-vulnerability", "shared-discomfort-physical");
            assertThat(picks).allMatch(p -> p.level().equals("BEGINNER"));
            // Safety first among the gentle ones.
            assertThat(picks.get(0).layers()).contains("SAFETY");
            assertThat(picks.get(0).reasons())
                    .anyMatch(r -> r.contains(pause ? "after a recent pause" : "sign of emotional flooding"));
        }
        var usual = Recommender.rank(
                CATALOGUE,
                new Recommender.Situation("ROMANTIC", practice(0, 0, 0, 0, 0), false, false, false, Set.of(), null),
                10);
        assertThat(usual).extracting(Recommender.Recommendation::slug).contains("no-judgment-zone");
    }
}
