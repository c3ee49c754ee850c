package app.hearth.exercise;

import static app.hearth.testsupport.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import app.hearth.testsupport.Api;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The guide's "agree on pause words" before intense work: a couple's first intense exercise waits until both members
 * confirmed the safety agreements in couple-service; gentle work never waits.
 */
@QuarkusTest
class SafetyAgreementsTest {

    @Test
    void intenseWorkWaitsUntilBothMembersConfirmedTheSafetyAgreements() {
        String couples = PeerServices.url("couple-service");
        Person ada = TestUsers.create("Ada");
        Person bo = TestUsers.create("Bo");
        String couple = Api.pair(couples, ada, bo, "ROMANTIC"); // no pause word, nothing confirmed
        String sessions = "/v1/couples/" + couple + "/sessions";

        as(ada).body(Map.of("exerciseSlug", "radical-vulnerability"))
                .post(sessions)
                .then()
                .statusCode(409)
                .body("type", containsString("safety-agreements-needed"))
                .body("detail", containsString("pause word"))
                .body("detail", containsString("/safety-agreements/mine"));
        // Advanced prompts make gentle exercises intense too.
        as(ada).body(Map.of("exerciseSlug", "silent-walk", "level", "ADVANCED", "acknowledgeAdvanced", true))
                .post(sessions)
                .then()
                .statusCode(409)
                .body("type", containsString("safety-agreements-needed"));
        // Gentle work needs nothing first.
        String walk = as(bo).body(Map.of("exerciseSlug", "booster-gratitude-exchange"))
                .post(sessions)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(bo).body(Map.of()).post(sessions + "/" + walk + "/end").then().statusCode(200);
        as(ada).get("/v1/couples/" + couple + "/pacing").then().body("safetyAgreementsInForce", equalTo(false));

        // One member's confirmation is not both.
        as(ada).header("If-Match", "*")
                .body(Map.of("pauseWord", "lighthouse"))
                .patch(couples + "/v1/couples/" + couple)
                .then()
                .statusCode(200);
        as(ada).body(Map.of("confirmed", true))
                .put(couples + "/v1/couples/" + couple + "/safety-agreements/mine")
                .then()
                .statusCode(200);
        as(ada).body(Map.of("exerciseSlug", "radical-vulnerability"))
                .post(sessions)
                .then()
                .statusCode(409)
                .body("type", containsString("safety-agreements-needed"));

        // Both: the very next request may start intense work (a confirmation not yet seen here is asked of
        // couple-service), and the pacing view learns it from couple-events.
        as(bo).body(Map.of("confirmed", true))
                .put(couples + "/v1/couples/" + couple + "/safety-agreements/mine")
                .then()
                .statusCode(200)
                .body("safetyAgreements.inForce", equalTo(true));
        String intense = as(bo).body(Map.of("exerciseSlug", "radical-vulnerability"))
                .post(sessions)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> as(ada).get("/v1/couples/" + couple + "/pacing")
                        .then()
                        .body("safetyAgreementsInForce", equalTo(true)));
        as(ada).get(sessions + "/" + intense).then().body("safety.pauseWord", equalTo("lighthouse"));

        // A new pause word asks both again: intense work waits once more (once the change has arrived).
        as(bo).header("If-Match", "*")
                .body(Map.of("pauseWord", "harbour"))
                .patch(couples + "/v1/couples/" + couple)
                .then()
                .statusCode(200)
                .body("safetyAgreements.inForce", equalTo(false));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> as(ada).get("/v1/couples/" + couple + "/pacing")
                        .then()
                        .body("safetyAgreementsInForce", equalTo(false)));
    }
}
