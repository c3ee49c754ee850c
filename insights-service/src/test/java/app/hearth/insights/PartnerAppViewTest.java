package app.hearth.insights;

import static app.hearth.insights.InsightsApi.checkIn;
import static app.hearth.testsupport.Api.as;
import static app.hearth.testsupport.Api.pair;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a partner app sees of a couple's insights: never people's account ids, per-partner scores only with checkins.read. */
@QuarkusTest
class PartnerAppViewTest {

    @Test
    void insightsReadAloneGivesCoupleLevelInsightsAndMembersOnlyAsPseudonyms() {
        String couples = PeerServices.url("couple-service");
        String exercises = PeerServices.url("exercise-service");
        Person ann = TestUsers.create("Ann");
        Person tom = TestUsers.create("Tom");
        String couple = pair(couples, ann, tom, "ROMANTIC");
        as(ann).body(checkIn(5, 7, "UNDER_1H"))
                .post(exercises + "/v1/couples/" + couple + "/check-ins")
                .then()
                .statusCode(201);
        as(tom).body(checkIn(6, 8, "UNDER_1H"))
                .post(exercises + "/v1/couples/" + couple + "/check-ins")
                .then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(ann).get("/v1/couples/" + couple + "/insights")
                        .then()
                        .extract()
                        .asString()
                        .contains("closeness-trend:" + ann.id()));

        String first = grant(couples, couple, ann, tom, List.of("insights.read"));
        String insightsOnly = Tokens.partnerApp("insights.read");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> given().auth()
                                .oauth2(insightsOnly)
                                .get("/v1/couples/" + couple + "/insights")
                                .statusCode()
                        == 200);
        String seen = given().auth()
                .oauth2(insightsOnly)
                .get("/v1/couples/" + couple + "/insights")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String timeline = given().auth()
                .oauth2(insightsOnly)
                .get("/v1/couples/" + couple + "/insights/timeline?periods=2")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(seen + timeline).doesNotContain(ann.id(), tom.id());
        assertThat(seen).doesNotContain("closeness-trend", "\"partnerId\"").contains("alignment");
        JsonPath points = JsonPath.from(timeline);
        List<List<Integer>> closeness = points.getList("timeline.points.partners.closeness");
        assertThat(closeness)
                .isNotEmpty()
                .allSatisfy(perPoint -> assertThat(perPoint).containsOnlyNulls());
        assertThat(points.getList("timeline.points.checkInComplete")).contains(true);

        // With checkins.read as well, each partner's trend, under the app's pseudonym (the same one exercise-service
        // uses).
        as(tom).delete(couples + "/v1/couples/" + couple + "/grants/" + first)
                .then()
                .statusCode(204);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> given().auth()
                                .oauth2(insightsOnly)
                                .get("/v1/couples/" + couple + "/insights")
                                .statusCode()
                        == 404);
        grant(couples, couple, ann, tom, List.of("insights.read", "checkins.read"));
        String both = Tokens.partnerApp("insights.read checkins.read");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> given().auth()
                        .oauth2(both)
                        .get("/v1/couples/" + couple + "/insights")
                        .asString()
                        .contains("closeness-trend:member-"));
        String full = given().auth()
                .oauth2(both)
                .get("/v1/couples/" + couple + "/insights")
                .then()
                .extract()
                .asString();
        assertThat(full).doesNotContain(ann.id(), tom.id());
        List<String> pseudonyms =
                JsonPath.from(full).getList("insights.findAll { it.category == 'TREND' }.numbers.partnerId");
        String period = as(ann).get(exercises + "/v1/couples/" + couple + "/check-ins")
                .then()
                .extract()
                .path("items[0].period");
        List<String> inCheckIns = given().auth()
                .oauth2(both)
                .get(exercises + "/v1/couples/" + couple + "/check-ins/" + period)
                .then()
                .statusCode(200)
                .extract()
                .path("scores.partnerId");
        assertThat(pseudonyms)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(inCheckIns).contains(p));
    }

    private static String grant(String couples, String couple, Person a, Person b, List<String> scopes) {
        String grant = as(a).body(Map.of("clientId", "partner-demo", "scopes", scopes))
                .post(couples + "/v1/couples/" + couple + "/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(b).post(couples + "/v1/couples/" + couple + "/grants/" + grant + "/approve")
                .then()
                .statusCode(200);
        return grant;
    }
}
