package app.hearth.insights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import app.hearth.events.CoupleEvents;
import app.hearth.events.EventCatalogue;
import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.EventType;
import app.hearth.events.ExerciseEvents;
import app.hearth.events.PartnerEvents;
import app.hearth.events.Topics;
import app.hearth.testsupport.EventSamples;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.Tokens;
import app.hearth.testsupport.TopicReader;
import app.hearth.testsupport.TopicWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One gate for every way an event is applied (issue 24): a PartnerErased, a CouplePurged and a check-in forged by a
 * service that does not own their topic are refused live (dead-lettered), stay refused when operators replay the
 * dead letters, and are skipped by a rebuild of the insights from the topics. The victim keeps their account, their
 * couple and their scores.
 */
@QuarkusTest
class ForgedEventsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aNonOwnersEventsAreRefusedLiveOnReplayAndOnRebuild() throws Exception {
        Person victim = TestUsers.create("Victim");
        Person partner = TestUsers.create("Partner");
        EventSamples.Ids ids = new EventSamples.Ids(
                victim.id(), partner.id(), UUID.randomUUID().toString());
        for (EventType<?> real :
                new EventType<?>[] {PartnerEvents.REGISTERED, CoupleEvents.FORMED, ExerciseEvents.CHECK_IN_COMPLETED}) {
            publish(EventSamples.of(real, ids));
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> FactsDatabase.number(
                                dataSource, "select count(*) from check_in_score where partner_id = ?", victim.id())
                        == 1);

        EventEnvelope completed = EventSamples.of(ExerciseEvents.CHECK_IN_COMPLETED, ids);
        EventEnvelope forgedScores = forged(
                new EventEnvelope(
                        completed.specversion(),
                        completed.id(),
                        completed.source(),
                        completed.type(),
                        completed.subject(),
                        completed.time(),
                        completed.datacontenttype(),
                        ((ObjectNode) completed.data()).put("period", "2026-W01")),
                "/couple-service");
        EventEnvelope forgedErasure = forged(EventSamples.of(PartnerEvents.ERASED, ids), "/exercise-service");
        EventEnvelope forgedPurge = forged(EventSamples.of(CoupleEvents.PURGED, ids), "/reminder-service");
        Set<String> forgedIds = Set.of(
                forgedScores.id().toString(),
                forgedErasure.id().toString(),
                forgedPurge.id().toString());
        try (TopicReader deadLetters = new TopicReader(Topics.deadLetter("insights-service"))) {
            publish(forgedErasure);
            publish(forgedPurge);
            publish(forgedScores);
            // Live: each consumer of each topic dead-letters what it was sent (membership and facts read partner- and
            // couple-events, only facts read exercise-events).
            deadLetters.await(
                    r -> forgedIds.stream().anyMatch(id -> r.value().contains(id)), 5, Duration.ofSeconds(20));
        }
        assertIntact(victim, ids);

        String ops = Tokens.user("olivia");
        given().auth()
                .oauth2(ops)
                .post("/v1/ops/dead-letters/replay")
                .then()
                .statusCode(200)
                .body("stillUnreadable", greaterThanOrEqualTo(5));
        assertIntact(victim, ids);

        given().auth().oauth2(ops).post("/v1/ops/projections/rebuild").then().statusCode(202);
        await().atMost(Duration.ofMinutes(3))
                .until(() -> "DONE"
                        .equals(given().auth()
                                .oauth2(ops)
                                .get("/v1/ops/projections/rebuild")
                                .then()
                                .extract()
                                .path("state")));
        assertIntact(victim, ids);
    }

    private void assertIntact(Person victim, EventSamples.Ids ids) throws Exception {
        given().auth().oauth2(victim.token()).get("/v1/me/export").then().statusCode(200); // not 401 account-erased
        assertThat(FactsDatabase.number(
                        dataSource, "select count(*) from check_in_score where partner_id = ?", victim.id()))
                .as("the victim's real scores, and no forged ones")
                .isEqualTo(1L);
        assertThat(FactsDatabase.number(
                        dataSource, "select count(*) from couple_fact where couple_id = ?::uuid", ids.couple()))
                .isEqualTo(1L);
        assertThat(FactsDatabase.number(
                        dataSource, "select count(*) from couple_view_member where couple_id = ?::uuid", ids.couple()))
                .isEqualTo(2L);
    }

    private static EventEnvelope forged(EventEnvelope event, String source) {
        return new EventEnvelope(
                event.specversion(),
                event.id(),
                source,
                event.type(),
                event.subject(),
                event.time(),
                event.datacontenttype(),
                event.data());
    }

    private static void publish(EventEnvelope event) {
        String topic = EventCatalogue.byType(event.type()).orElseThrow().topic();
        TopicWriter.send(topic, event.subject(), EventJson.write(event));
    }
}
