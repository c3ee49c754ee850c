package app.hearth.insights;

import static app.hearth.testsupport.Api.as;
import static app.hearth.testsupport.Api.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.testsupport.Api;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The couple, for real: new, romantic, and one of them did not feel safe after a deep exercise this week.
 * exercise-service slows their pacing; here the insight says so in the guide's words, and the recommendations rank the
 * real catalogue with nothing intense in it and beginner exercises first.
 */
@QuarkusTest
class GentlePacingInsightsTest {

    @Test
    void aLowFeltSafeRatingMakesRecommendationsGentleAndIsExplainedInTheGuidesWords() {
        String couples = PeerServices.url("couple-service");
        String exercises = PeerServices.url("exercise-service");
        Person maya = TestUsers.create("Maya");
        Person noor = TestUsers.create("Noor");
        String couple = pair(couples, maya, noor, "ROMANTIC");
        Api.confirmSafetyAgreements(couples, couple, maya, noor);
        String sessions = exercises + "/v1/couples/" + couple + "/sessions";
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(maya).get("/v1/couples/" + couple + "/recommendations")
                                .then()
                                .extract()
                                .statusCode()
                        == 200);
        Set<String> intense = as(maya)
                .get(exercises + "/v1/exercises?size=50")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .<Map<String, Object>>getList("items")
                .stream()
                .filter(e -> Boolean.TRUE.equals(e.get("intense")))
                .map(e -> (String) e.get("slug"))
                .collect(Collectors.toSet());
        assertThat(intense).contains("radical-vulnerability", "no-judgment-zone");

        String session = as(maya).body(Map.of("exerciseSlug", "radical-vulnerability"))
                .post(sessions)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(maya).body(Map.of("feltConnected", 3, "feltSafe", 1))
                .post(sessions + "/" + session + "/rating")
                .then()
                .statusCode(200);
        as(noor).body(Map.of("feltConnected", 4, "feltSafe", 4))
                .post(sessions + "/" + session + "/rating")
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(noor).get("/v1/couples/" + couple + "/insights")
                        .then()
                        .extract()
                        .asString()
                        .contains("pacing:gentle-period"));
        JsonPath insights = as(noor).get("/v1/couples/" + couple + "/insights")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(insights.getString("insights[0].id")).isEqualTo("pacing:gentle-period");
        assertThat(insights.getString("insights[0].category")).isEqualTo("PACING");
        assertThat(insights.getString("insights[0].numbers.signal")).isEqualTo("LOW_FELT_SAFE");
        assertThat(insights.getString("insights[0].sentence"))
                .startsWith("One of you did not feel safe")
                .contains("anxiety, dissociation, or resentment after deep talks", "paced, not forced")
                .doesNotContain("Maya", "Noor", maya.id());

        JsonPath ranked = as(maya).get("/v1/couples/" + couple + "/recommendations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> slugs = ranked.getList("recommendations.slug");
        assertThat(slugs).isNotEmpty().doesNotContainAnyElementsOf(intense);
        assertThat(ranked.<String>getList("recommendations.level")).containsOnly("BEGINNER");
        assertThat(ranked.getList("recommendations[0].reasons").toString()).contains("sign of emotional flooding");
    }
}
