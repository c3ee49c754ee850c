package app.hearth.couple;

import static app.hearth.couple.CoupleApi.freshRomanticPair;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import app.hearth.couple.CoupleApi.Pair;
import app.hearth.couple.service.CoupleService;
import app.hearth.events.EventJson;
import app.hearth.events.Topics;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CoupleTest {

    @Inject
    CoupleService couples;

    @Test
    void membersAgreeOnAnniversaryPauseWordAndCadence() {
        // The reader starts before the pairing: its formed event may reach the broker after the pairing's answer.
        try (TopicReader coupleEvents = new TopicReader(Topics.COUPLE_EVENTS)) {
            Pair pair = freshRomanticPair();
            String etag = as(pair.a())
                    .get("/v1/couples/" + pair.coupleId())
                    .then()
                    .statusCode(200)
                    .extract()
                    .header("ETag");
            as(pair.a())
                    .header("If-Match", etag)
                    .body(Map.of("anniversary", "2021-06-12", "pauseWord", "pineapple", "checkInCadence", "DAILY"))
                    .patch("/v1/couples/" + pair.coupleId())
                    .then()
                    .statusCode(200)
                    .body("anniversary", equalTo("2021-06-12"))
                    .body("pauseWord", equalTo("pineapple"))
                    .body("checkInCadence", equalTo("DAILY"));
            as(pair.b()).get("/v1/couples/" + pair.coupleId()).then().body("pauseWord", equalTo("pineapple"));

            List<ConsumerRecord<String, String>> events =
                    coupleEvents.await(r -> pair.coupleId().equals(r.key()), 2, Duration.ofSeconds(10));
            assertThat(CoupleApi.validTypes(events))
                    .containsExactly("hearth.couple.formed.v1", "hearth.couple.updated.v1");
            // The pause word is the couple's own: other services learn only that there is one.
            assertThat(events.get(1).value()).doesNotContain("pineapple").contains("\"pauseWordAgreed\":true");

            as(pair.b())
                    .header("If-Match", "*")
                    .body("{\"pauseWord\": null}")
                    .patch("/v1/couples/" + pair.coupleId())
                    .then()
                    .statusCode(200)
                    .body("pauseWord", nullValue())
                    .body("anniversary", equalTo("2021-06-12"));
        }
    }

    @Test
    void bothMembersConfirmTheSafetyAgreementsForTheirPauseWord() {
        try (TopicReader coupleEvents = new TopicReader(Topics.COUPLE_EVENTS)) {
            Pair pair = freshRomanticPair();
            String path = "/v1/couples/" + pair.coupleId();
            String mine = path + "/safety-agreements/mine";
            as(pair.a())
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body(
                            "safetyAgreements.agreements.agreement",
                            contains("PAUSE_WORD", "NO_PHONES_DURING_HARD_TALKS", "NOTHING_USED_AGAINST_EACH_OTHER"))
                    .body("safetyAgreements.agreements[1].text", containsString("No phones"))
                    .body("safetyAgreements.confirmedBy", hasSize(0))
                    .body("safetyAgreements.inForce", equalTo(false));

            // The pause word is the first agreement: there is nothing to confirm without one.
            as(pair.a())
                    .body(Map.of("confirmed", true))
                    .put(mine)
                    .then()
                    .statusCode(409)
                    .body("type", containsString("pause-word-needed"))
                    .body("detail", containsString("pauseWord"));
            as(pair.a())
                    .header("If-Match", "*")
                    .body(Map.of("pauseWord", "pineapple"))
                    .patch(path)
                    .then()
                    .statusCode(200);
            String before = as(pair.a()).get(path).then().extract().header("ETag");
            String afterFirst = as(pair.a())
                    .body(Map.of("confirmed", true))
                    .put(mine)
                    .then()
                    .statusCode(200)
                    .body("safetyAgreements.confirmedBy", contains(pair.a().id()))
                    .body("safetyAgreements.inForce", equalTo(false))
                    .extract()
                    .header("ETag");
            assertThat(afterFirst).isNotEqualTo(before); // a cached couple is not served stale
            as(pair.b())
                    .body(Map.of("confirmed", true))
                    .put(mine)
                    .then()
                    .statusCode(200)
                    .body("safetyAgreements.confirmedBy", hasSize(2))
                    .body("safetyAgreements.inForce", equalTo(true));
            // Confirming again changes nothing.
            as(pair.b()).body(Map.of("confirmed", true)).put(mine).then().statusCode(200);

            // A new pause word asks both again; a member may take their confirmation back.
            as(pair.b())
                    .header("If-Match", "*")
                    .body(Map.of("pauseWord", "harbour"))
                    .patch(path)
                    .then()
                    .statusCode(200)
                    .body("safetyAgreements.confirmedBy", hasSize(0))
                    .body("safetyAgreements.inForce", equalTo(false));
            as(pair.a()).body(Map.of("confirmed", true)).put(mine).then().statusCode(200);
            as(pair.a())
                    .body(Map.of("confirmed", false))
                    .put(mine)
                    .then()
                    .statusCode(200)
                    .body("safetyAgreements.confirmedBy", hasSize(0));

            // Other services learn only whether the agreements are in force, in order.
            List<ConsumerRecord<String, String>> updates =
                    coupleEvents.await(r -> pair.coupleId().equals(r.key()), 7, Duration.ofSeconds(10)).stream()
                            .filter(r -> r.value().contains("hearth.couple.updated.v1"))
                            .toList();
            assertThat(updates)
                    .extracting(r -> r.value().contains("\"safetyAgreementsConfirmed\":true"))
                    .containsExactly(false, false, true, false, false, false);

            // Bad input and strangers change nothing.
            as(pair.a()).body("{\"confirmed\": \"yes\"}").put(mine).then().statusCode(400);
            as(pair.a()).body("{}").put(mine).then().statusCode(400);
            as(TestUsers.create("Stranger"))
                    .body(Map.of("confirmed", true))
                    .put(mine)
                    .then()
                    .statusCode(404);
            as(pair.b()).get(path).then().body("safetyAgreements.confirmedBy", hasSize(0));
        }
    }

    @Test
    void coupleSettingsAreValidated() {
        Pair pair = freshRomanticPair();
        String path = "/v1/couples/" + pair.coupleId();
        as(pair.a())
                .body(Map.of("pauseWord", "x".repeat(41)))
                .patch(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("pauseWord"));
        as(pair.a())
                .body(Map.of("checkInCadence", "HOURLY"))
                .patch(path)
                .then()
                .statusCode(400)
                .body("detail", containsString("WEEKLY"));
        as(pair.a())
                .header("If-Match", "*")
                .body(Map.of("anniversary", "2999-01-01"))
                .patch(path)
                .then()
                .statusCode(400);
        as(pair.a())
                .body(Map.of("status", "ENDED"))
                .patch(path)
                .then()
                .statusCode(400)
                .body("detail", containsString("status"));
        as(pair.a()).get(path).then().body("status", equalTo("ACTIVE")).body("pauseWord", nullValue());
    }

    @Test
    void attachmentStylesAreShownToThePartnerOnlyWhenShared() {
        Pair pair = freshRomanticPair();
        as(pair.a())
                .body(Map.of("attachmentStyle", "AVOIDANT", "shareAttachmentStyle", false))
                .patch("/v1/me")
                .then()
                .statusCode(200);
        as(pair.b())
                .body(Map.of("attachmentStyle", "SECURE", "shareAttachmentStyle", true))
                .patch("/v1/me")
                .then()
                .statusCode(200);

        String a = "members.find { it.partnerId == '" + pair.a().id() + "' }";
        String b = "members.find { it.partnerId == '" + pair.b().id() + "' }";
        as(pair.b())
                .get("/v1/couples/" + pair.coupleId())
                .then()
                .body(a + ".attachmentStyle", nullValue())
                .body(b + ".attachmentStyle", equalTo("SECURE"));
        as(pair.a())
                .get("/v1/couples/" + pair.coupleId())
                .then()
                .body(a + ".attachmentStyle", equalTo("AVOIDANT"))
                .body(b + ".attachmentStyle", equalTo("SECURE"));
    }

    @Test
    void eitherMemberEndsTheRelationshipAndBothCanStillReadItUntilItIsPurged() {
        Pair pair;
        String path;
        try (TopicReader coupleEvents = new TopicReader(Topics.COUPLE_EVENTS)) {
            pair = freshRomanticPair(); // after the reader starts: its formed event may come after the answer
            path = "/v1/couples/" + pair.coupleId();
            as(pair.b())
                    .post(path + "/end")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("ENDED"))
                    .body("readableUntil", notNullValue());
            as(pair.a()).get(path).then().statusCode(200).body("status", equalTo("ENDED"));
            as(pair.a())
                    .get("/v1/me/export?part=couple-service")
                    .then()
                    .statusCode(200)
                    .body("services.'couple-service'.held.relationships.id", hasItem(pair.coupleId()));
            as(pair.a())
                    .body(Map.of("pauseWord", "late"))
                    .patch(path)
                    .then()
                    .statusCode(409)
                    .body("type", containsString("couple-ended"));
            as(pair.a()).post(path + "/end").then().statusCode(409);

            List<ConsumerRecord<String, String>> ended =
                    coupleEvents.await(r -> pair.coupleId().equals(r.key()), 2, Duration.ofSeconds(10));
            assertThat(CoupleApi.validTypes(ended))
                    .containsExactly("hearth.couple.formed.v1", "hearth.couple.ended.v1");
            assertThat(EventJson.read(ended.get(1).value()).data().get("reason").asText())
                    .isEqualTo("MEMBER_ENDED");

            // A person may pair romantically again once the relationship ended.
            CoupleApi.pair(pair.a(), TestUsers.create("New"), "ROMANTIC");

            // Thirty days on, housekeeping purges it everywhere.
            couples.housekeep(Instant.now().plus(Duration.ofDays(31)));
            as(pair.a()).get(path).then().statusCode(404);
            as(pair.b()).get("/v1/couples").then().body("items.id", not(hasItem(pair.coupleId())));
            List<ConsumerRecord<String, String>> purged =
                    coupleEvents.await(r -> pair.coupleId().equals(r.key()), 3, Duration.ofSeconds(10));
            assertThat(CoupleApi.validTypes(purged))
                    .containsExactly("hearth.couple.formed.v1", "hearth.couple.ended.v1", "hearth.couple.purged.v1");
        }
        as(pair.b()).get("/v1/couples").then().body("items", hasSize(0));
    }
}
