package app.hearth.couple;

import static app.hearth.couple.CoupleApi.freshRomanticPair;
import static app.hearth.testsupport.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import app.hearth.couple.CoupleApi.Pair;
import app.hearth.events.EventJson;
import app.hearth.events.Topics;
import app.hearth.platform.http.ApiTimestamps;
import app.hearth.platform.privacy.Pseudonyms;
import app.hearth.testsupport.Tokens;
import app.hearth.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** A partner app (client credentials from Keycloak) sees a couple only with both members' consent and its scope. */
@QuarkusTest
class PartnerAppTest {
    @Inject
    Pseudonyms pseudonyms;

    private static int partnerGet(String scopes, String coupleId) {
        return given().auth()
                .oauth2(Tokens.partnerApp(scopes))
                .get("/v1/couples/" + coupleId)
                .then()
                .extract()
                .statusCode();
    }

    @Test
    void bothMembersMustConsentAndEitherCanWithdraw() {
        Pair pair = freshRomanticPair();
        String couple = pair.coupleId();
        assertThat(partnerGet("couples.read", couple)).as("no grant").isEqualTo(404);

        String grantId = as(pair.a())
                .body(Map.of("clientId", "partner-demo", "scopes", List.of("couples.read", "insights.read")))
                .post("/v1/couples/" + couple + "/grants")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("requestedBy", equalTo(pair.a().id()))
                .extract()
                .path("id");
        assertThat(partnerGet("couples.read", couple)).as("pending").isEqualTo(404);

        as(pair.a())
                .post("/v1/couples/" + couple + "/grants/" + grantId + "/approve")
                .then()
                .statusCode(409)
                .body("type", containsString("second-member-must-approve"));

        try (TopicReader coupleEvents = new TopicReader(Topics.COUPLE_EVENTS)) {
            as(pair.b())
                    .post("/v1/couples/" + couple + "/grants/" + grantId + "/approve")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("ACTIVE"))
                    .body("approvedBy", equalTo(pair.b().id()));

            given().auth()
                    .oauth2(Tokens.partnerApp("couples.read"))
                    .get("/v1/couples/" + couple)
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(couple))
                    .body("members.displayName", containsInAnyOrder("Alice Test", "Bob Test"))
                    .body("$", not(hasKey("pauseWord")));
            assertThat(partnerGet("checkins.read", couple))
                    .as("token lacks couples.read")
                    .isEqualTo(403);
            assertThat(partnerGet("couples.read", freshRomanticPair().coupleId()))
                    .as("another couple")
                    .isEqualTo(404);

            as(pair.b())
                    .delete("/v1/couples/" + couple + "/grants/" + grantId)
                    .then()
                    .statusCode(204);
            assertThat(partnerGet("couples.read", couple)).as("revoked").isEqualTo(404);
            as(pair.a())
                    .get("/v1/couples/" + couple + "/grants")
                    .then()
                    .statusCode(200)
                    .body("items[0].status", equalTo("REVOKED"));

            // The couple's formed event may still be on its way (published after the pairing's answer): not counted.
            List<ConsumerRecord<String, String>> events = coupleEvents.await(
                    r -> couple.equals(r.key())
                            && EventJson.read(r.value()).type().startsWith("hearth.couple.integration-"),
                    2,
                    Duration.ofSeconds(10));
            assertThat(CoupleApi.validTypes(events))
                    .containsExactly("hearth.couple.integration-granted.v1", "hearth.couple.integration-revoked.v1");
            assertThat(EventJson.read(events.get(0).value())
                            .data()
                            .get("scopes")
                            .toString())
                    .contains("couples.read", "insights.read");
        }
    }

    @Test
    void aGrantWithoutTheScopeOrPastItsExpiryOpensNothing() {
        Pair pair = freshRomanticPair();
        String couple = pair.coupleId();
        String grantId = as(pair.a())
                .body(Map.of("clientId", "partner-demo", "scopes", List.of("checkins.read")))
                .post("/v1/couples/" + couple + "/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(pair.b())
                .post("/v1/couples/" + couple + "/grants/" + grantId + "/approve")
                .then()
                .statusCode(200);
        assertThat(partnerGet("couples.read", couple))
                .as("grant lacks couples.read")
                .isEqualTo(404);

        as(pair.a())
                .body(Map.of("clientId", "partner-demo", "scopes", List.of("couples.read")))
                .post("/v1/couples/" + couple + "/grants")
                .then()
                .statusCode(409)
                .body("type", containsString("grant-exists"));
        as(pair.a())
                .delete("/v1/couples/" + couple + "/grants/" + grantId)
                .then()
                .statusCode(204);

        String expiring = as(pair.a())
                .body(Map.of(
                        "clientId",
                        "partner-demo",
                        "scopes",
                        List.of("couples.read"),
                        "expiresAt",
                        Instant.now().plusSeconds(3).toString()))
                .post("/v1/couples/" + couple + "/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(pair.b())
                .post("/v1/couples/" + couple + "/grants/" + expiring + "/approve")
                .then()
                .statusCode(200);
        assertThat(partnerGet("couples.read", couple)).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> partnerGet("couples.read", couple) == 404);
    }

    @Test
    void oneGrantHoldsEveryScopeAndCouplesReadShowsMembersAsTheAppSeesThemElsewhere() {
        Pair pair = freshRomanticPair();
        String couple = pair.coupleId();
        List<String> every = List.of("couples.read", "checkins.read", "insights.read", "reminders.read");
        String grantId = as(pair.a())
                .body(Map.of("clientId", "partner-demo", "scopes", every))
                .post("/v1/couples/" + couple + "/grants")
                .then()
                .statusCode(201)
                .body("scopes", containsInAnyOrder(every.toArray()))
                .extract()
                .path("id");
        as(pair.b())
                .post("/v1/couples/" + couple + "/grants/" + grantId + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));

        // The pseudonyms are the ones the app meets in check-in scores, insights and webhook deliveries.
        String body = given().auth()
                .oauth2(Tokens.partnerApp(String.join(" ", every)))
                .get("/v1/couples/" + couple)
                .then()
                .statusCode(200)
                .body(
                        "members.partnerId",
                        containsInAnyOrder(
                                pseudonyms.of("partner-demo", pair.a().id()),
                                pseudonyms.of("partner-demo", pair.b().id())))
                .body("checkInCadence", equalTo("WEEKLY"))
                .body("$", not(hasKey("pauseWord")))
                .extract()
                .asString();
        assertThat(body).doesNotContain(pair.a().id(), pair.b().id());
    }

    @Test
    void instantsReadBackExactlyAsTheyWereAnsweredWhenWritten() {
        Pair pair = freshRomanticPair();
        String grants = "/v1/couples/" + pair.coupleId() + "/grants";
        JsonPath written = as(pair.a())
                .body(Map.of(
                        "clientId",
                        "partner-demo",
                        "scopes",
                        List.of("couples.read"),
                        "expiresAt",
                        "2030-01-02T03:04:05.123456789Z"))
                .post(grants)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        // PostgreSQL keeps microseconds: what the write answered is what every later read answers.
        assertThat(written.getString("expiresAt")).isEqualTo("2030-01-02T03:04:05.123456Z");
        assertThat(written.getString("createdAt")).matches(ApiTimestamps.PATTERN);
        JsonPath read = as(pair.a())
                .get(grants)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("items[0]");
        assertThat(read.getString("createdAt")).isEqualTo(written.getString("createdAt"));
        assertThat(read.getString("expiresAt")).isEqualTo(written.getString("expiresAt"));
    }

    @Test
    void grantRequestsAreValidated() {
        Pair pair = freshRomanticPair();
        String grants = "/v1/couples/" + pair.coupleId() + "/grants";
        as(pair.a())
                .body(Map.of("clientId", "partner-demo", "scopes", List.of("everything")))
                .post(grants)
                .then()
                .statusCode(400)
                .body("detail", containsString("everything"));
        as(pair.a())
                .body(Map.of("clientId", "partner-demo", "scopes", List.of()))
                .post(grants)
                .then()
                .statusCode(400);
        as(pair.a())
                .body(Map.of("clientId", "partner demo!", "scopes", List.of("couples.read")))
                .post(grants)
                .then()
                .statusCode(400);
        as(pair.a())
                .body(Map.of(
                        "clientId",
                        "partner-demo",
                        "scopes",
                        List.of("couples.read"),
                        "expiresAt",
                        "2001-01-01T00:00:00Z"))
                .post(grants)
                .then()
                .statusCode(400)
                .body("detail", containsString("past"));
        as(pair.a()).get(grants).then().statusCode(200).body("items", Matchers.hasSize(0));
    }

    @Test
    void partnerAppsCannotActAsAPerson() {
        given().auth()
                .oauth2(Tokens.partnerApp("couples.read"))
                .get("/v1/me")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.partnerApp("couples.read"))
                .get("/v1/couples")
                .then()
                .statusCode(403);
    }
}
