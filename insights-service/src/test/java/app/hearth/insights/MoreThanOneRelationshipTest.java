package app.hearth.insights;

import static app.hearth.testsupport.Api.as;
import static app.hearth.testsupport.Api.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.nullValue;

import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A person who chose more than one romantic relationship has each one apart: what they tell Hearth in one never shows
 * in the other, neither partner reaches the other's relationship, and one relationship ending leaves the other.
 */
@QuarkusTest
class MoreThanOneRelationshipTest {

    private static List<String> insightIds(Person who, String couple) {
        return as(who).get("/v1/couples/" + couple + "/insights")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("insights.id");
    }

    @Test
    void eachRomanticRelationshipKeepsItsOwnInsights() {
        String couples = PeerServices.url("couple-service");
        Person lia = TestUsers.create("Lia");
        Person oz = TestUsers.create("Oz");
        Person kai = TestUsers.create("Kai");
        as(lia).body(Map.of("romanticRelationships", "MORE_THAN_ONE"))
                .patch(couples + "/v1/me")
                .then()
                .statusCode(200);
        String withOz = pair(couples, lia, oz, "ROMANTIC");
        String withKai = pair(couples, lia, kai, "ROMANTIC");
        for (String couple : List.of(withOz, withKai)) {
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> as(lia).get("/v1/couples/" + couple + "/insights/my-settings")
                                    .then()
                                    .extract()
                                    .statusCode()
                            == 200);
        }

        // Told and shared in one relationship: its partner sees it, the other relationship knows nothing of it.
        as(lia).body(Map.of("hideMyTrends", false, "shareMyOutsideHelp", true, "traumaWeighsOnMe", true))
                .put("/v1/couples/" + withOz + "/insights/my-settings")
                .then()
                .statusCode(200);
        String pointer = "outside-help:trauma:" + lia.id();
        assertThat(insightIds(oz, withOz)).contains(pointer);
        assertThat(insightIds(lia, withKai)).doesNotContain(pointer);
        assertThat(insightIds(kai, withKai)).doesNotContain(pointer);
        as(kai).get("/v1/couples/" + withOz + "/insights").then().statusCode(404);
        as(oz).get("/v1/couples/" + withKai + "/insights").then().statusCode(404);
        as(kai).get("/v1/couples/" + withOz + "/insights/my-settings").then().statusCode(404);

        // Oz erases himself: his relationship ends everywhere, Lia's other one goes on.
        as(oz).delete(couples + "/v1/me").then().statusCode(204);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> as(lia).get(couples + "/v1/couples")
                        .then()
                        .statusCode(200)
                        .body("items.find { it.id == '" + withKai + "' }.status", equalTo("ACTIVE"))
                        .body(
                                "items.find { it.id == '" + withOz + "' }",
                                anyOf(nullValue(), hasEntry("status", "ENDED"))));
        assertThat(insightIds(lia, withKai)).doesNotContain(pointer);
        as(kai).get("/v1/couples/" + withKai + "/insights").then().statusCode(200);
    }
}
