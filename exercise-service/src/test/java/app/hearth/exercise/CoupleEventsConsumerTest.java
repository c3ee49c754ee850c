package app.hearth.exercise;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.events.CoupleEvents;
import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.Topics;
import app.hearth.testsupport.Sql;
import app.hearth.testsupport.TestInfrastructure;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** The membership view from couple-events: duplicates change nothing, poison goes to the dead-letter topic. */
@QuarkusTest
class CoupleEventsConsumerTest {

    @Inject
    AgroalDataSource dataSource;

    private static void send(String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfrastructure.KAFKA_BOOTSTRAP),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.COUPLE_EVENTS, key, value))
                    .get();
        }
    }

    private static EventEnvelope formed(String coupleId, Person a, Person b) {
        return EventEnvelope.create(
                CoupleEvents.FORMED,
                "/couple-service",
                coupleId,
                new CoupleEvents.CoupleFormed(
                        coupleId,
                        CoupleEvents.RelationshipKind.FRIENDSHIP,
                        List.of(a.id(), b.id()),
                        Instant.now(),
                        CoupleEvents.CheckInCadence.WEEKLY));
    }

    @Test
    void aDuplicateEventIsAppliedOnce() throws Exception {
        Person a = TestUsers.create("Ana");
        Person b = TestUsers.create("Ben");
        String coupleId = UUID.randomUUID().toString(); // unknown to couple-service: only the event can make it known
        EventEnvelope event = formed(coupleId, a, b);
        send(coupleId, EventJson.write(event));
        send(coupleId, EventJson.write(event));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().auth()
                                .oauth2(a.token())
                                .get("/v1/couples/" + coupleId + "/check-ins")
                                .then()
                                .extract()
                                .statusCode()
                        == 200);
        EventEnvelope ended = EventEnvelope.create(
                CoupleEvents.ENDED,
                "/couple-service",
                coupleId,
                new CoupleEvents.CoupleEnded(
                        coupleId,
                        CoupleEvents.EndReason.MEMBER_ENDED,
                        Instant.now(),
                        Instant.now().plus(Duration.ofDays(30))));
        send(coupleId, EventJson.write(ended));
        send(coupleId, EventJson.write(event)); // replayed late: must not revive anything
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        Sql.number(dataSource, "select count(*) from inbox_event where event_id = ?", ended.id()) == 1);

        assertThat(Sql.number(dataSource, "select count(*) from inbox_event where event_id = ?", event.id()))
                .isEqualTo(1);
        assertThat(Sql.number(
                        dataSource,
                        "select count(*) from couple_view_member where couple_id = ?",
                        UUID.fromString(coupleId)))
                .isEqualTo(2);
        given().auth()
                .oauth2(b.token())
                .contentType("application/json")
                .body(Map.of(
                        "mood",
                        "CALM",
                        "moodIntensity",
                        2,
                        "closeness",
                        4,
                        "satisfaction",
                        5,
                        "screenTime",
                        "UNDER_1H"))
                .post("/v1/couples/" + coupleId + "/check-ins")
                .then()
                .statusCode(409);
    }

    @Test
    void couplePurgedDeletesTheCouplesSharedHistory() throws Exception {
        Person a = TestUsers.create("Ana");
        Person b = TestUsers.create("Ben");
        String coupleId = UUID.randomUUID().toString();
        send(coupleId, EventJson.write(formed(coupleId, a, b)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().auth()
                                .oauth2(a.token())
                                .get("/v1/couples/" + coupleId + "/check-ins")
                                .then()
                                .extract()
                                .statusCode()
                        == 200);
        given().auth()
                .oauth2(a.token())
                .contentType("application/json")
                .body(Map.of(
                        "mood",
                        "CALM",
                        "moodIntensity",
                        2,
                        "closeness",
                        4,
                        "satisfaction",
                        5,
                        "screenTime",
                        "UNDER_1H",
                        "gratitude",
                        "shared history",
                        "privateNote",
                        "mine"))
                .post("/v1/couples/" + coupleId + "/check-ins")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(a.token())
                .contentType("application/json")
                .body(Map.of("exerciseSlug", "silent-walk"))
                .post("/v1/couples/" + coupleId + "/sessions")
                .then()
                .statusCode(201);

        send(
                coupleId,
                EventJson.write(EventEnvelope.create(
                        CoupleEvents.PURGED, "/couple-service", coupleId, new CoupleEvents.CouplePurged(coupleId))));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Sql.number(
                                dataSource,
                                "select count(*) from couple_view where couple_id = ?",
                                UUID.fromString(coupleId))
                        == 0);
        UUID id = UUID.fromString(coupleId);
        assertThat(Sql.number(dataSource, "select count(*) from check_in where couple_id = ?", id))
                .isZero();
        assertThat(Sql.number(dataSource, "select count(*) from exercise_session where couple_id = ?", id))
                .isZero();
        assertThat(Sql.number(dataSource, "select count(*) from check_in_submission where partner_id = ?", a.id()))
                .isZero();
        given().auth()
                .oauth2(a.token())
                .get("/v1/me/export")
                .then()
                .statusCode(200)
                .body("held.checkIns", Matchers.hasSize(0))
                .body("held.sessionAnswers", Matchers.hasSize(0));
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        Person a = TestUsers.create("Ana");
        Person b = TestUsers.create("Ben");
        String coupleId = UUID.randomUUID().toString();
        try (TopicReader deadLetters = new TopicReader(Topics.deadLetter("exercise-service"))) {
            send(coupleId, "this is not an event");
            String badData = EventJson.write(formed(coupleId, a, b))
                    .replace("\"memberIds\":[", "\"memberIds\":{\"x\":[")
                    .replace("],\"since\"", "]},\"since\"");
            send(coupleId, badData);
            send(coupleId, EventJson.write(formed(coupleId, a, b)));

            deadLetters.await(r -> coupleId.equals(r.key()), 2, Duration.ofSeconds(15));
            assertThat(deadLetters.seen().stream()
                            .filter(r -> coupleId.equals(r.key()))
                            .map(r -> r.value()))
                    .containsExactly("this is not an event", badData);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().auth()
                                .oauth2(a.token())
                                .get("/v1/couples/" + coupleId + "/check-ins")
                                .then()
                                .extract()
                                .statusCode()
                        == 200);
    }
}
