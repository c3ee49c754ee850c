package app.hearth.exercise;

import static app.hearth.exercise.ExerciseApi.answers;
import static app.hearth.testsupport.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.events.CoupleEvents;
import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.PartnerEvents;
import app.hearth.events.Topics;
import app.hearth.testsupport.Sql;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.Tokens;
import app.hearth.testsupport.TopicReader;
import app.hearth.testsupport.TopicWriter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fault drills against the real database and broker: an erasure or a revocation that meets a transient database
 * failure is retried until it applies, never dead-lettered; erasure holds whatever order events arrive in. The
 * failure is real: a trigger makes PostgreSQL refuse the consumer's inbox insert with a serialization failure
 * (SQLSTATE 40001) for a chosen event, until the drill lifts it.
 */
@QuarkusTest
class FailureDrillTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void installFault() throws Exception {
        sql(
                "create table if not exists drill_fault (event_id uuid primary key)",
                """
                create or replace function drill_fail() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from drill_fault where event_id = new.event_id) then
                        raise exception 'fault drill: serialization failure' using errcode = '40001';
                    end if;
                    return new;
                end $$""",
                "drop trigger if exists drill_fail on inbox_event",
                "create trigger drill_fail before insert on inbox_event for each row execute function drill_fail()");
    }

    @AfterEach
    void removeFault() throws Exception {
        sql("drop trigger if exists drill_fail on inbox_event", "truncate drill_fault");
    }

    @Test
    void anErasureMeetingATransientDatabaseFailureIsRetriedUntilItApplies() throws Exception {
        Person ana = TestUsers.create("Ana");
        Person ben = TestUsers.create("Ben");
        String couple = formed(ana, ben);
        as(ana).body(answers(5, "ana's own note"))
                .post("/v1/couples/" + couple + "/check-ins")
                .then()
                .statusCode(201);

        EventEnvelope erased = EventEnvelope.create(
                PartnerEvents.ERASED, "/couple-service", ana.id(), new PartnerEvents.PartnerErased(ana.id()));
        sql("insert into drill_fault values ('" + erased.id() + "')");
        double retriesBefore = retries(Topics.PARTNER_EVENTS);
        try (TopicReader deadLetters = new TopicReader(Topics.deadLetter("exercise-service"))) {
            TopicWriter.send(Topics.PARTNER_EVENTS, ana.id(), EventJson.write(erased));

            await().atMost(Duration.ofSeconds(20)).until(() -> retries(Topics.PARTNER_EVENTS) >= retriesBefore + 3);
            assertThat(Sql.number(
                            dataSource, "select count(*) from check_in_submission where partner_id = ?", ana.id()))
                    .as("not applied while the database refuses")
                    .isEqualTo(1);

            sql("truncate drill_fault"); // the database is back
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> Sql.number(
                                    dataSource,
                                    "select count(*) from check_in_submission where partner_id = ?",
                                    ana.id())
                            == 0);
            assertThat(deadLetters.pollFor(Duration.ofSeconds(1)))
                    .noneMatch(r -> ana.id().equals(r.key()));
        }
        as(ana).get("/v1/me/export").then().statusCode(401); // her old token is refused from now on
    }

    @Test
    void aRevocationMeetingATransientDatabaseFailureStillEndsThePartnerAppsAccess() throws Exception {
        Person ana = TestUsers.create("Ana");
        Person ben = TestUsers.create("Ben");
        String couple = formed(ana, ben);
        String grantId = UUID.randomUUID().toString();
        TopicWriter.publish(
                CoupleEvents.INTEGRATION_GRANTED,
                "/couple-service",
                couple,
                new CoupleEvents.IntegrationGranted(couple, grantId, "partner-demo", Set.of("checkins.read"), null));
        String partnerToken = Tokens.partnerApp("checkins.read");
        String checkIns = "/v1/couples/" + couple + "/check-ins";
        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().auth().oauth2(partnerToken).get(checkIns).statusCode() == 200);

        EventEnvelope revoked = EventEnvelope.create(
                CoupleEvents.INTEGRATION_REVOKED,
                "/couple-service",
                couple,
                new CoupleEvents.IntegrationRevoked(
                        couple, grantId, "partner-demo", CoupleEvents.RevokeReason.REVOKED));
        sql("insert into drill_fault values ('" + revoked.id() + "')");
        double retriesBefore = retries(Topics.COUPLE_EVENTS);
        try (TopicReader deadLetters = new TopicReader(Topics.deadLetter("exercise-service"))) {
            TopicWriter.send(Topics.COUPLE_EVENTS, couple, EventJson.write(revoked));
            await().atMost(Duration.ofSeconds(20)).until(() -> retries(Topics.COUPLE_EVENTS) >= retriesBefore + 3);
            sql("truncate drill_fault");
            await().atMost(Duration.ofSeconds(40))
                    .until(() ->
                            given().auth().oauth2(partnerToken).get(checkIns).statusCode() == 404);
            assertThat(deadLetters.pollFor(Duration.ofSeconds(1))).noneMatch(r -> couple.equals(r.key()));
        }
    }

    @Test
    void eventsArrivingAfterAnErasureCannotBringThePersonOrCoupleBack() throws Exception {
        Person ana = TestUsers.create("Ana");
        Person ben = TestUsers.create("Ben");
        // The worst order: the erasure first, then (late, or replayed) everything that came before it.
        TopicWriter.publish(
                PartnerEvents.ERASED, "/couple-service", ana.id(), new PartnerEvents.PartnerErased(ana.id()));
        String purgedCouple = UUID.randomUUID().toString();
        TopicWriter.publish(
                CoupleEvents.PURGED, "/couple-service", purgedCouple, new CoupleEvents.CouplePurged(purgedCouple));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Sql.number(dataSource, "select count(*) from erased_subject") >= 2);

        String couple = UUID.randomUUID().toString();
        List<EventEnvelope> late = List.of(
                TopicWriter.publish(
                        PartnerEvents.REGISTERED,
                        "/couple-service",
                        ana.id(),
                        new PartnerEvents.PartnerRegistered(new PartnerEvents.PartnerProfile(
                                ana.id(), "Ana", "Europe/Paris", "fr", LocalTime.of(22, 0), LocalTime.of(7, 0), 4))),
                TopicWriter.publish(
                        CoupleEvents.FORMED,
                        "/couple-service",
                        couple,
                        new CoupleEvents.CoupleFormed(
                                couple,
                                CoupleEvents.RelationshipKind.ROMANTIC,
                                List.of(ana.id(), ben.id()),
                                Instant.now(),
                                CoupleEvents.CheckInCadence.WEEKLY)),
                TopicWriter.publish(
                        CoupleEvents.FORMED,
                        "/couple-service",
                        purgedCouple,
                        new CoupleEvents.CoupleFormed(
                                purgedCouple,
                                CoupleEvents.RelationshipKind.FRIENDSHIP,
                                List.of(ben.id(), TestUsers.create("Cy").id()),
                                Instant.now(),
                                CoupleEvents.CheckInCadence.WEEKLY)));
        String marker = formed(ben, TestUsers.create("Dee")); // someone else's couple still forms
        for (EventEnvelope event : late) { // seen (recorded in the inbox), and dropped
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            Sql.number(dataSource, "select count(*) from inbox_event where event_id = ?", event.id())
                                    == 1);
        }

        assertThat(Sql.number(dataSource, "select count(*) from partner_view where partner_id = ?", ana.id()))
                .isZero();
        // Ana's part of the couple goes; Ben keeps his (couple-service ends such a couple right after).
        assertThat(Sql.number(dataSource, "select count(*) from couple_view_member where partner_id = ?", ana.id()))
                .isZero();
        assertThat(Sql.number(
                        dataSource,
                        "select count(*) from couple_view_member where couple_id = ?",
                        UUID.fromString(couple)))
                .isOne();
        assertThat(Sql.number(
                        dataSource,
                        "select count(*) from couple_view where couple_id = ?",
                        UUID.fromString(purgedCouple)))
                .isZero();
        assertThat(Sql.number(
                        dataSource, "select count(*) from couple_view where couple_id = ?", UUID.fromString(marker)))
                .isOne();
        assertThat(Sql.number(
                        dataSource,
                        "select count(*) from erased_subject where subject_hash like ?",
                        "%" + ana.id() + "%"))
                .as("the ledger holds hashes, never ids")
                .isZero();
    }

    /** A couple known from its CoupleFormed event; returns its id once the membership view has it. */
    private String formed(Person a, Person b) {
        String couple = UUID.randomUUID().toString();
        TopicWriter.publish(
                CoupleEvents.FORMED,
                "/couple-service",
                couple,
                new CoupleEvents.CoupleFormed(
                        couple,
                        CoupleEvents.RelationshipKind.ROMANTIC,
                        List.of(a.id(), b.id()),
                        Instant.now(),
                        CoupleEvents.CheckInCadence.WEEKLY));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Sql.number(
                                dataSource,
                                "select count(*) from couple_view where couple_id = ?",
                                UUID.fromString(couple))
                        == 1);
        return couple;
    }

    private static double retries(String topic) {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("hearth_event_retries_total{") && l.contains("topic=\"" + topic + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
