package app.hearth.insights;

import static app.hearth.testsupport.Api.as;
import static app.hearth.testsupport.Api.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each member's own part of the couple's insights, through the API: trauma told privately points the person who told
 * it to outside help and nobody else, until they share it; bad input changes nothing; the export carries it.
 */
@QuarkusTest
class MyInsightSettingsTest {

    private static Map<String, Object> settings(boolean hide, boolean share, boolean trauma) {
        return Map.of("hideMyTrends", hide, "shareMyOutsideHelp", share, "traumaWeighsOnMe", trauma);
    }

    private static List<String> insightIds(Person who, String couple) {
        return as(who).get("/v1/couples/" + couple + "/insights")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("insights.id");
    }

    @Test
    void traumaToldPrivatelyPointsOnlyItsTellerToOutsideHelpUntilShared() {
        Person lia = TestUsers.create("Lia");
        Person oz = TestUsers.create("Oz");
        String couple = pair(PeerServices.url("couple-service"), lia, oz, "ROMANTIC");
        String mine = "/v1/couples/" + couple + "/insights/my-settings";
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(lia).get(mine).then().extract().statusCode() == 200);
        as(lia).get(mine)
                .then()
                .body("hideMyTrends", equalTo(false))
                .body("shareMyOutsideHelp", equalTo(false))
                .body("traumaWeighsOnMe", equalTo(false));

        // Bad input is refused and changes nothing.
        as(lia).body(Map.of("hideMyTrends", "yes", "shareMyOutsideHelp", false, "traumaWeighsOnMe", true))
                .put(mine)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        as(lia).body(Map.of("traumaWeighsOnMe", true)).put(mine).then().statusCode(400);
        as(lia).body(Map.of("hideMyTrends", false, "shareMyOutsideHelp", false, "traumaWeighsOnMe", true, "x", 1))
                .put(mine)
                .then()
                .statusCode(400);
        as(lia).get(mine).then().body("traumaWeighsOnMe", equalTo(false));

        as(lia).body(settings(false, false, true))
                .put(mine)
                .then()
                .statusCode(200)
                .body("traumaWeighsOnMe", equalTo(true));
        String pointer = "outside-help:trauma:" + lia.id();
        assertThat(insightIds(lia, couple)).contains(pointer);
        as(lia).get("/v1/couples/" + couple + "/insights")
                .then()
                .body(
                        "insights.find { it.id == '" + pointer + "' }.guidance",
                        equalTo("/v1/guidance/when-to-seek-help"))
                .body("insights.find { it.id == '" + pointer + "' }.category", equalTo("OUTSIDE_HELP"))
                .body("insights.find { it.id == '" + pointer + "' }.sentence", containsString("You told Hearth"));
        assertThat(insightIds(oz, couple)).doesNotContain(pointer);
        // Each member's settings are their own.
        as(oz).get(mine).then().statusCode(200).body("traumaWeighsOnMe", equalTo(false));
        Person stranger = TestUsers.create("Stranger");
        as(stranger).get(mine).then().statusCode(404);
        as(stranger).body(settings(false, false, true)).put(mine).then().statusCode(404);

        as(lia).body(settings(false, true, true)).put(mine).then().statusCode(200);
        assertThat(insightIds(oz, couple)).contains(pointer);
        as(oz).get("/v1/couples/" + couple + "/insights")
                .then()
                .body(
                        "insights.find { it.id == '" + pointer + "' }.sentence",
                        containsString("Your partner told Hearth that a past trauma weighs on them"));

        as(lia).get("/v1/me/export")
                .then()
                .statusCode(200)
                .body("held.insightSettings.find { it.coupleId == '" + couple + "' }.traumaWeighsOnMe", equalTo(true))
                .body(
                        "held.insightSettings.find { it.coupleId == '" + couple + "' }.shareMyOutsideHelp",
                        equalTo(true));
    }
}
