package app.hearth.couple;

import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import app.hearth.events.EventJson;
import app.hearth.events.Topics;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class ProfileTest {

    @Test
    void theFirstCallCreatesAProfileAndAnnouncesIt() {
        Person dana = TestUsers.create("Dana");
        try (TopicReader partnerEvents = new TopicReader(Topics.PARTNER_EVENTS)) {
            as(dana).get("/v1/me")
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(dana.id()))
                    .body("displayName", equalTo("Dana Test"))
                    .body("timeZone", equalTo("UTC"))
                    .body("quietHours.start", equalTo("22:00"))
                    .body("startOfDayHour", equalTo(4));
            as(dana).get("/v1/me").then().statusCode(200);
            List<ConsumerRecord<String, String>> events =
                    partnerEvents.await(r -> dana.id().equals(r.key()), 1, Duration.ofSeconds(10));
            assertThat(CoupleApi.validTypes(events)).containsExactly("hearth.partner.registered.v1");
        }
    }

    @Test
    void aPersonChangesTheirProfileAndOtherServicesHearOfIt() {
        Person dana = TestUsers.create("Dana");
        try (TopicReader partnerEvents = new TopicReader(Topics.PARTNER_EVENTS)) {
            as(dana).get("/v1/me").then().statusCode(200);
            as(dana).body("""
                            {"displayName": "Dana", "timeZone": "Asia/Tokyo", "locale": "ja-JP",
                             "quietHours": {"start": "23:30", "end": "06:30"}, "startOfDayHour": 5,
                             "attachmentStyle": "ANXIOUS", "shareAttachmentStyle": true}""")
                    .patch("/v1/me")
                    .then()
                    .statusCode(200)
                    .body("timeZone", equalTo("Asia/Tokyo"))
                    .body("quietHours.start", equalTo("23:30"))
                    .body("attachmentStyle", equalTo("ANXIOUS"));
            // Registration, then exactly one event for the change (same key, same partition: in this order).
            List<ConsumerRecord<String, String>> events =
                    partnerEvents.await(r -> dana.id().equals(r.key()), 2, Duration.ofSeconds(10));
            assertThat(CoupleApi.validTypes(events))
                    .containsExactly("hearth.partner.registered.v1", "hearth.partner.profile-updated.v1");
            var profile = EventJson.read(events.get(1).value()).data().get("profile");
            assertThat(profile.get("timeZone").asText()).isEqualTo("Asia/Tokyo");
            assertThat(profile.get("startOfDayHour").asInt()).isEqualTo(5);
            // The attachment style is private: it never travels on Kafka.
            assertThat(events).allSatisfy(e -> assertThat(e.value()).doesNotContain("ANXIOUS"));
        }
        // An explicit null clears the attachment style; absent fields stay.
        as(dana).body("{\"attachmentStyle\": null}")
                .patch("/v1/me")
                .then()
                .statusCode(200)
                .body("attachmentStyle", nullValue())
                .body("timeZone", equalTo("Asia/Tokyo"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown field             | {\"favouriteColour\": \"blue\"}              | favouriteColour",
                "read-only id              | {\"id\": \"someone-else\"}                   | id",
                "offset instead of a zone  | {\"timeZone\": \"+01:00\"}                   | IANA",
                "made-up zone              | {\"timeZone\": \"Mars/Olympus\"}             | IANA",
                "wrong enum                | {\"attachmentStyle\": \"CLINGY\"}            | SECURE",
                "display name too long     | {\"displayName\": \"123456789012345678901234567890123456789012345678901234567890123456789012345678901\"} | displayName",
                "blank display name        | {\"displayName\": \"   \"}                   | displayName",
                "hour out of range         | {\"startOfDayHour\": 24}                     | startOfDayHour",
                "not a time                | {\"quietHours\": {\"start\": \"25:00\", \"end\": \"07:00\"}} | quietHours",
                "half quiet hours          | {\"quietHours\": {\"start\": \"22:00\"}}      | quietHours.end",
                "wrong type                | {\"startOfDayHour\": \"early\"}              | startOfDayHour",
                "malformed JSON            | {\"displayName\": \"Dana\"                   | not valid JSON",
                "not an object             | [1, 2, 3]                                     | ''",
                "bad locale                | {\"locale\": \"english please\"}             | locale",
            })
    void badInputIsABadRequestThatChangesNothing(String why, String body, String detailMentions) {
        Person dana = TestUsers.create("Dana");
        String before = as(dana).get("/v1/me").then().statusCode(200).extract().asString();
        as(dana).body(body)
                .patch("/v1/me")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString(detailMentions))
                .body("errors", Matchers.not(Matchers.empty())); // every 400 names what it refused
        assertThat(as(dana).get("/v1/me").then().extract().asString()).isEqualTo(before);
    }

    @Test
    void aRefusalByTheServiceNamesItsFieldToo() {
        Person dana = TestUsers.create("Dana");
        as(dana).body(Map.of("timeZone", "Mars/Olympus"))
                .patch("/v1/me")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("timeZone"))
                .body("errors[0].message", containsString("IANA"));
    }

    @Test
    void validationProblemsNameTheirFields() {
        Person dana = TestUsers.create("Dana");
        as(dana).body(Map.of("displayName", "x".repeat(81), "startOfDayHour", 30))
                .patch("/v1/me")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("displayName"))
                .body("errors.field", hasItem("startOfDayHour"));
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        Person dana = TestUsers.create("Dana");
        as(dana).body("{\"displayName\": \"" + "x".repeat(100_000) + "\"}")
                .patch("/v1/me")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("65536"));
    }

    @Test
    void aWrongContentTypeIsExplained() {
        Person dana = TestUsers.create("Dana");
        RestAssured.given()
                .auth()
                .oauth2(dana.token())
                .contentType("text/plain")
                .body("hello")
                .patch("/v1/me")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }
}
