package app.hearth.exercise;

import static app.hearth.exercise.ExerciseApi.answers;
import static app.hearth.exercise.ExerciseApi.pair;
import static app.hearth.exercise.ExerciseApi.profile;
import static app.hearth.testsupport.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import app.hearth.events.EventJson;
import app.hearth.events.EventSchemas;
import app.hearth.events.Topics;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestClock;
import app.hearth.testsupport.TestKeyring;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.Tokens;
import app.hearth.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Check-ins end to end: people pair through the real couple-service, then check in here. */
@QuarkusTest
class CheckInTest {

    @Inject
    EntityManagerFactory entityManagerFactory;

    @AfterEach
    void realTime() {
        TestClock.CLOCK.reset();
    }

    @Test
    void answersStayHiddenUntilBothCheckedInAndPrivateNotesStayPrivate() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        String checkIns = "/v1/couples/" + couple + "/check-ins";
        String aliceSecret = "alice-secret-" + System.nanoTime();
        String bobSecret = "bob-secret-" + System.nanoTime();

        try (TopicReader events = new TopicReader(Topics.EXERCISE_EVENTS)) {
            ExtractableResponse<Response> submitted = as(alice)
                    .body(answers(5, aliceSecret))
                    .post(checkIns)
                    .then()
                    .statusCode(201)
                    .body("status", equalTo("OPEN"))
                    .body("mine.privateNote", equalTo(aliceSecret))
                    .body("partnerSubmitted", equalTo(false))
                    .extract();
            String period = submitted.path("period");
            String firstVersion = submitted.header("ETag");
            assertThat(period).matches("\\d{4}-W\\d{2}");

            // Bob sees that Alice checked in, but nothing of what she said.
            String bobView = as(bob).get(checkIns + "/" + period)
                    .then()
                    .statusCode(200)
                    .body("partnerSubmitted", equalTo(true))
                    .body("partner", nullValue())
                    .extract()
                    .asString();
            assertThat(bobView).doesNotContain("the soup", aliceSecret);

            // Alice may still change her answers, but not submit twice.
            assertThat(as(alice).get(checkIns + "/" + period).header("ETag"))
                    .isEqualTo(firstVersion)
                    .matches("\"\\d+\"");
            String secondVersion = as(alice)
                    .header("If-Match", firstVersion)
                    .body(answers(6, aliceSecret))
                    .put(checkIns + "/" + period + "/mine")
                    .then()
                    .statusCode(200)
                    .body("mine.closeness", equalTo(6))
                    .body("mine.privateNote", equalTo(aliceSecret))
                    .body("status", equalTo("OPEN"))
                    .body("partnerSubmitted", equalTo(false))
                    .body("partner", nullValue())
                    .extract()
                    .header("ETag");
            assertThat(secondVersion).isNotEqualTo(firstVersion);
            assertThat(as(alice).get(checkIns + "/" + period).header("ETag")).isEqualTo(secondVersion);
            // An edit made on the first answers (the other phone) does not undo the second.
            as(alice)
                    .header("If-Match", firstVersion)
                    .body(answers(2, aliceSecret))
                    .put(checkIns + "/" + period + "/mine")
                    .then()
                    .statusCode(412)
                    .body("type", equalTo("https://hearth.app/problems/precondition-failed"));
            as(alice)
                    .body(answers(6, aliceSecret))
                    .put(checkIns + "/" + period + "/mine")
                    .then()
                    .statusCode(200)
                    .body("mine.closeness", equalTo(6));
            as(alice)
                    .body(answers(6, aliceSecret))
                    .put(checkIns + "/2020-W01/mine")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
            as(alice)
                    .body(answers(6, aliceSecret))
                    .post(checkIns)
                    .then()
                    .statusCode(409)
                    .body("type", containsString("already-submitted"));

            String bobAfter = as(bob).body(answers(4, bobSecret))
                    .post(checkIns)
                    .then()
                    .statusCode(201)
                    .body("status", equalTo("COMPLETED"))
                    .body("partner.closeness", equalTo(6))
                    .body("partner.gratitude", equalTo("the soup you made"))
                    .extract()
                    .asString();
            assertThat(bobAfter).doesNotContain(aliceSecret);
            String aliceAfter = as(alice)
                    .get(checkIns + "/" + period)
                    .then()
                    .statusCode(200)
                    .body("partner.closeness", equalTo(4))
                    .body("mine.privateNote", equalTo(aliceSecret))
                    .extract()
                    .asString();
            assertThat(aliceAfter).doesNotContain(bobSecret);
            as(alice).get(checkIns).then().statusCode(200).body("items[0].period", equalTo(period));
            as(alice)
                    .body(answers(2, aliceSecret))
                    .put(checkIns + "/" + period + "/mine")
                    .then()
                    .statusCode(409);

            List<ConsumerRecord<String, String>> emitted =
                    events.await(r -> couple.equals(r.key()), 3, Duration.ofSeconds(10));
            List<String> types =
                    emitted.stream().map(r -> EventJson.read(r.value()).type()).toList();
            assertThat(types)
                    .containsExactly(
                            "hearth.exercise.check-in-submitted.v1",
                            "hearth.exercise.check-in-submitted.v1",
                            "hearth.exercise.check-in-completed.v1");
            for (ConsumerRecord<String, String> record : emitted) {
                assertThat(EventSchemas.validate(record.value()))
                        .as(record.value())
                        .isEmpty();
                assertThat(record.value()).doesNotContain(aliceSecret, bobSecret, "soup", "long week", "slow Sunday");
            }
            // Each partner's scores travel sealed with their own key; holders of the keys read them.
            assertThat(emitted.get(2).value())
                    .doesNotContain("closeness", "1_TO_3H")
                    .contains("\"sealed\"");
            var scores = TestKeyring.read().open(emitted.get(2).value()).data().get("scores");
            assertThat(scores.toString()).contains("\"closeness\":6", "\"closeness\":4", "\"screenTime\":\"1_TO_3H\"");
        }
    }

    @Test
    void aLongDistanceCoupleChecksInWeeklyAndDailyInTheirOwnCalendars() {
        Person tokyo = TestUsers.create("Aiko");
        Person la = TestUsers.create("Lee");
        profile(tokyo, "Asia/Tokyo");
        profile(la, "America/Los_Angeles");
        String couple = pair(tokyo, la, "ROMANTIC");
        String checkIns = "/v1/couples/" + couple + "/check-ins";

        // Wednesday 15:00 UTC: midnight in Tokyo (still Wednesday, their day starts at 04:00), 07:00 in LA.
        TestClock.CLOCK.set(Instant.parse("2026-11-25T15:00:00Z"));
        as(tokyo).body(answers(5, null)).post(checkIns).then().statusCode(201).body("period", equalTo("2026-W48"));
        TestClock.CLOCK.set(Instant.parse("2026-11-26T02:00:00Z")); // Thursday 11:00 Tokyo, Wednesday 18:00 LA
        as(la).body(answers(6, null))
                .post(checkIns)
                .then()
                .statusCode(201)
                .body("period", equalTo("2026-W48"))
                .body("status", equalTo("COMPLETED"));

        as(tokyo)
                .header("If-Match", "*")
                .body(Map.of("checkInCadence", "DAILY"))
                .patch(PeerServices.url("couple-service") + "/v1/couples/" + couple)
                .then()
                .statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            TestClock.CLOCK.set(Instant.parse("2026-11-27T13:00:00Z")); // Friday 22:00 Tokyo, Friday 05:00 LA
            return as(tokyo)
                            .body(answers(4, null))
                            .post(checkIns)
                            .then()
                            .extract()
                            .statusCode()
                    == 201;
        });
        as(tokyo).get(checkIns + "/2026-11-27").then().statusCode(200).body("status", equalTo("OPEN"));
        TestClock.CLOCK.set(Instant.parse("2026-11-28T03:00:00Z")); // Saturday 12:00 Tokyo, Friday 19:00 LA
        as(la).body(answers(5, null))
                .post(checkIns)
                .then()
                .statusCode(201)
                .body("period", equalTo("2026-11-27"))
                .body("status", equalTo("COMPLETED"));
    }

    @Test
    void aPartnerAppWithCheckinsReadSeesScoresOnly() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        String checkIns = "/v1/couples/" + couple + "/check-ins";
        String period = as(alice)
                .body(answers(5, "only mine"))
                .post(checkIns)
                .then()
                .statusCode(201)
                .extract()
                .path("period");
        as(bob).body(answers(6, "mine too")).post(checkIns).then().statusCode(201);

        String partnerToken = Tokens.partnerApp("checkins.read");
        given().auth().oauth2(partnerToken).get(checkIns).then().statusCode(404);

        String couples = PeerServices.url("couple-service");
        String grant = as(alice)
                .body(Map.of("clientId", "partner-demo", "scopes", List.of("checkins.read")))
                .post(couples + "/v1/couples/" + couple + "/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(bob).post(couples + "/v1/couples/" + couple + "/grants/" + grant + "/approve")
                .then()
                .statusCode(200);

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> given().auth()
                                .oauth2(partnerToken)
                                .get(checkIns)
                                .then()
                                .extract()
                                .statusCode()
                        == 200);
        String seen = given().auth()
                .oauth2(partnerToken)
                .get(checkIns + "/" + period)
                .then()
                .statusCode(200)
                .body("scores.closeness", Matchers.containsInAnyOrder(5, 6))
                .body("scores[0]", not(Matchers.hasKey("gratitude")))
                .extract()
                .asString();
        assertThat(seen).doesNotContain("only mine", "mine too", "soup", "long week");
        // Members appear as the app's own pseudonyms, never as their account ids.
        assertThat(seen).doesNotContain(alice.id(), bob.id()).contains("member-");
        // A token without checkins.read is refused whatever the couple granted (the scope is per operation).
        given().auth()
                .oauth2(Tokens.partnerApp("couples.read"))
                .get(checkIns)
                .then()
                .statusCode(403)
                .body("type", equalTo("https://hearth.app/problems/insufficient-scope"));

        as(bob).delete(couples + "/v1/couples/" + couple + "/grants/" + grant)
                .then()
                .statusCode(204);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> given().auth()
                                .oauth2(partnerToken)
                                .get(checkIns)
                                .then()
                                .extract()
                                .statusCode()
                        == 404);
    }

    @Test
    void requestsReuseTheirQueryPlans() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String checkIns = "/v1/couples/" + pair(alice, bob, "ROMANTIC") + "/check-ins";
        String period = as(alice)
                .body(answers(5, null))
                .post(checkIns)
                .then()
                .statusCode(201)
                .extract()
                .path("period");
        var plans = entityManagerFactory
                .unwrap(SessionFactoryImplementor.class)
                .getQueryEngine()
                .getInterpretationCache();
        for (int i = 0; i < 3; i++) { // every statement of these paths planned once
            as(alice).get(checkIns + "/" + period).then().statusCode(200);
            as(alice)
                    .body(answers(6, null))
                    .put(checkIns + "/" + period + "/mine")
                    .then()
                    .statusCode(200);
        }
        int planned = plans.getNumberOfCachedQueryPlans();

        for (int i = 0; i < 20; i++) {
            as(alice).get(checkIns + "/" + period).then().statusCode(200);
            as(alice)
                    .body(answers(6 + i % 2, null))
                    .put(checkIns + "/" + period + "/mine")
                    .then()
                    .statusCode(200);
        }

        // A statement planned anew on each request (a native query with a result class: its mapping never equals the
        // last one's) both grows the cache to its bound and makes every lookup compare against all those entries.
        assertThat(plans.getNumberOfCachedQueryPlans()).isEqualTo(planned).isLessThan(256);
    }

    @Test
    void checkInsAreValidated() {
        Person alice = TestUsers.create("Alice");
        String couple = pair(alice, TestUsers.create("Bob"), "FRIENDSHIP");
        String checkIns = "/v1/couples/" + couple + "/check-ins";
        List<Map.Entry<String, Object>> bads = List.of(
                Map.entry("closeness", 8),
                Map.entry("satisfaction", -1),
                Map.entry("moodIntensity", 0),
                Map.entry("screenTime", "4H"),
                Map.entry("mood", "ELATED"),
                Map.entry("gratitude", "x".repeat(2001)),
                Map.entry("colour", "blue"));
        for (Map.Entry<String, Object> bad : bads) {
            Map<String, Object> body = answers(5, null);
            body.put(bad.getKey(), bad.getValue());
            as(alice)
                    .body(body)
                    .post(checkIns)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString(bad.getKey()));
        }
        as(alice).get(checkIns).then().statusCode(200).body("items", Matchers.hasSize(0));
        as(alice).get(checkIns + "/yesterday").then().statusCode(400);
    }

    @Test
    void aPersonInTwoRomanticRelationshipsChecksInToEachApart() {
        Person lia = TestUsers.create("Lia");
        Person oz = TestUsers.create("Oz");
        Person kai = TestUsers.create("Kai");
        as(lia).body(Map.of("romanticRelationships", "MORE_THAN_ONE"))
                .patch(PeerServices.url("couple-service") + "/v1/me")
                .then()
                .statusCode(200);
        String withOz = "/v1/couples/" + pair(lia, oz, "ROMANTIC") + "/check-ins";
        String withKai = "/v1/couples/" + pair(lia, kai, "ROMANTIC") + "/check-ins";
        String secret = "for-oz-only-" + System.nanoTime();
        String period = as(lia).body(answers(6, secret))
                .post(withOz)
                .then()
                .statusCode(201)
                .extract()
                .path("period");

        // Her check-in with Oz is that relationship's alone: the other relationship has none, and Kai reaches nothing.
        as(oz).get(withOz + "/" + period).then().statusCode(200).body("partnerSubmitted", equalTo(true));
        as(lia).get(withKai).then().statusCode(200).body("items", Matchers.hasSize(0));
        as(kai).get(withOz).then().statusCode(404);
        as(kai).get(withOz + "/" + period).then().statusCode(404);
        assertThat(as(kai).get(withKai).then().statusCode(200).extract().asString())
                .doesNotContain(secret);
        // She checks in to the other relationship on its own.
        as(lia).body(answers(3, null)).post(withKai).then().statusCode(201);
        as(lia).get(withOz + "/" + period).then().body("mine.closeness", equalTo(6));
    }

    @Test
    void nonMembersGetNotFoundEverywhere() {
        Person alice = TestUsers.create("Alice");
        String couple = pair(alice, TestUsers.create("Bob"), "ROMANTIC");
        String period = as(alice)
                .body(answers(5, null))
                .post("/v1/couples/" + couple + "/check-ins")
                .then()
                .statusCode(201)
                .extract()
                .path("period");
        Person carol = TestUsers.create("Carol");
        String base = "/v1/couples/" + couple + "/check-ins";
        as(carol).get(base).then().statusCode(404).contentType("application/problem+json");
        as(carol).get(base + "/" + period).then().statusCode(404);
        as(carol).body(answers(1, null)).post(base).then().statusCode(404);
        as(carol)
                .body(answers(1, null))
                .put(base + "/" + period + "/mine")
                .then()
                .statusCode(404);
        as(carol).get("/v1/couples/" + UUID.randomUUID() + "/check-ins").then().statusCode(404);
        as(alice)
                .get(base + "/" + period)
                .then()
                .body("mine.closeness", equalTo(5))
                .body("mine", notNullValue());
    }
}
