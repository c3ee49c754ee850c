package app.hearth.reminder;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import app.hearth.events.CoupleEvents;
import app.hearth.events.CoupleEvents.CheckInCadence;
import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.ExerciseEvents;
import app.hearth.events.PartnerEvents;
import app.hearth.events.Topics;
import app.hearth.testsupport.Api;
import app.hearth.testsupport.Sql;
import app.hearth.testsupport.TestInfrastructure;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.Tokens;
import app.hearth.testsupport.TopicReader;
import app.hearth.testsupport.TopicWriter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Events arriving in the worst order, poison, and the operator's dead-letter replay. */
@QuarkusTest
class EventFailureTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aCheckInArrivingAfterTheErasureIsNotStoredAgain() throws Exception {
        // Submitted a moment before "erase me", delivered after PartnerErased (another topic, so any order is
        // possible).
        Person eva = TestUsers.create("Eva");
        String couple = UUID.randomUUID().toString();
        EventEnvelope erased = TopicWriter.publish(
                PartnerEvents.ERASED, "/couple-service", eva.id(), new PartnerEvents.PartnerErased(eva.id()));
        awaitApplied(erased);
        EventEnvelope late = TopicWriter.publish(
                ExerciseEvents.CHECK_IN_SUBMITTED,
                "/exercise-service",
                couple,
                new ExerciseEvents.CheckInSubmitted(
                        couple, eva.id(), "2026-W48", CheckInCadence.WEEKLY, Instant.now()));
        awaitApplied(late);
        assertThat(Sql.number(dataSource, "select count(*) from check_in_submission where partner_id = ?", eva.id()))
                .isZero();
        Api.as(eva).get("/v1/me/reminders").then().statusCode(401); // her token too
    }

    @Test
    void onlyPoisonIsDeadLetteredAndOperatorsCanReplayWhatWasDeadLettered() throws Exception {
        Person kim = TestUsers.create("Kim");
        String couple = UUID.randomUUID().toString();
        double before = deadLetters(Topics.EXERCISE_EVENTS);
        String garbage = "not an event " + couple;
        String unknownVersion = EventJson.write(EventEnvelope.create(
                        ExerciseEvents.CHECK_IN_SUBMITTED,
                        "/exercise-service",
                        couple,
                        new ExerciseEvents.CheckInSubmitted(
                                couple, kim.id(), "2026-W47", CheckInCadence.WEEKLY, Instant.now())))
                .replace("check-in-submitted.v1", "check-in-submitted.v9");
        // An event an older version dead-lettered (before a fix, say): valid now, so a replay applies it.
        EventEnvelope valid = EventEnvelope.create(
                ExerciseEvents.CHECK_IN_SUBMITTED,
                "/exercise-service",
                couple,
                new ExerciseEvents.CheckInSubmitted(
                        couple, kim.id(), "2026-W48", CheckInCadence.WEEKLY, Instant.now()));
        try (TopicReader dlq = new TopicReader(Topics.deadLetter("reminder-service"))) {
            TopicWriter.send(Topics.EXERCISE_EVENTS, couple, garbage);
            TopicWriter.send(Topics.EXERCISE_EVENTS, couple, unknownVersion);
            dlq.await(r -> couple.equals(r.key()), 2, Duration.ofSeconds(15));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> deadLetters(Topics.EXERCISE_EVENTS) >= before + 2);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfrastructure.KAFKA_BOOTSTRAP),
                new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record =
                    new ProducerRecord<>(Topics.deadLetter("reminder-service"), couple, EventJson.write(valid));
            record.headers().add("dead-letter-topic", Topics.EXERCISE_EVENTS.getBytes(StandardCharsets.UTF_8));
            record.headers().add("dead-letter-reason", "failed in an older version".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }

        String ops = Tokens.user("olivia");
        given().auth()
                .oauth2(Tokens.user("carol"))
                .post("/v1/ops/dead-letters/replay")
                .then()
                .statusCode(403);
        String listed = given().auth()
                .oauth2(ops)
                .get("/v1/ops/dead-letters")
                .then()
                .statusCode(200)
                .body("topic", equalTo("reminder-service.dlq"))
                .body("items[0]", not(hasKey("value")))
                .extract()
                .asString();
        assertThat(listed).doesNotContain(garbage).contains("failed in an older version");

        given().auth().oauth2(ops).post("/v1/ops/dead-letters/replay").then().statusCode(200);
        assertThat(Sql.number(
                        dataSource,
                        "select count(*) from check_in_submission where partner_id = ? and period = '2026-W48'",
                        kim.id()))
                .isOne();
        // Replaying again changes nothing: the inbox knows every event it applied.
        given().auth()
                .oauth2(ops)
                .post("/v1/ops/dead-letters/replay")
                .then()
                .statusCode(200)
                .body("applied", equalTo(0));
        assertThat(Sql.number(dataSource, "select count(*) from inbox_event where event_id = ?", valid.id()))
                .isOne();
    }

    @Test
    void onlyTheServiceThatOwnsATopicIsBelieved() throws Exception {
        // Another producer on the broker: a check-in "from" couple-service, a CoupleFormed on the wrong topic, and a
        // CoupleFormed on couple-events from someone who is not couple-service. None applies; each is dead-lettered.
        Person mia = TestUsers.create("Mia");
        String couple = UUID.randomUUID().toString();
        String claimed = UUID.randomUUID().toString();
        var formed = new CoupleEvents.CoupleFormed(
                claimed,
                CoupleEvents.RelationshipKind.ROMANTIC,
                List.of(mia.id(), "someone"),
                Instant.now(),
                CheckInCadence.WEEKLY);
        double before = deadLetters(Topics.EXERCISE_EVENTS) + deadLetters(Topics.COUPLE_EVENTS);
        try (TopicReader dlq = new TopicReader(Topics.deadLetter("reminder-service"))) {
            TopicWriter.send(
                    Topics.EXERCISE_EVENTS,
                    couple,
                    EventJson.write(EventEnvelope.create(
                            ExerciseEvents.CHECK_IN_SUBMITTED,
                            "/couple-service",
                            couple,
                            new ExerciseEvents.CheckInSubmitted(
                                    couple, mia.id(), "2026-W49", CheckInCadence.WEEKLY, Instant.now()))));
            TopicWriter.send(
                    Topics.EXERCISE_EVENTS,
                    couple,
                    EventJson.write(EventEnvelope.create(CoupleEvents.FORMED, "/exercise-service", couple, formed)));
            TopicWriter.send(
                    Topics.COUPLE_EVENTS,
                    claimed,
                    EventJson.write(EventEnvelope.create(CoupleEvents.FORMED, "/mallory", claimed, formed)));
            assertThat(dlq.await(r -> couple.equals(r.key()) || claimed.equals(r.key()), 3, Duration.ofSeconds(15)))
                    .hasSize(3);
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> deadLetters(Topics.EXERCISE_EVENTS) + deadLetters(Topics.COUPLE_EVENTS) >= before + 3);
        assertThat(Sql.number(dataSource, "select count(*) from check_in_submission where partner_id = ?", mia.id()))
                .isZero();
        assertThat(Sql.number(
                        dataSource, "select count(*) from couple_view where couple_id = ?", UUID.fromString(claimed)))
                .isZero();
    }

    private void awaitApplied(EventEnvelope event) {
        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        Sql.number(dataSource, "select count(*) from inbox_event where event_id = ?", event.id()) >= 1);
    }

    private static double deadLetters(String topic) {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("hearth_dead_letters_total{") && l.contains("topic=\"" + topic + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
