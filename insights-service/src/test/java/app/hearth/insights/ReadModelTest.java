package app.hearth.insights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.events.CoupleEvents;
import app.hearth.events.EventEnvelope;
import app.hearth.events.EventType;
import app.hearth.events.ExerciseEvents;
import app.hearth.events.PartnerEvents;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicWriter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The per-couple read model behind insights (couple_insight_view): reads come from one stored document until a fact
 * changes it; a document read from facts that changed meanwhile is never stored as current; erasure empties it.
 */
@QuarkusTest
class ReadModelTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void readsComeFromTheDocumentUntilAFactChangesItAndAConcurrentChangeIsNeverHidden() throws Exception {
        Person ann = TestUsers.create("Ann");
        Person ben = TestUsers.create("Ben");
        String couple = formed(ann, ben);

        read(ann);
        Document first = document(couple);
        assertThat(first.current()).isTrue();
        read(ben);
        read(ann);
        assertThat(document(couple).builtAt())
                .as("served from the stored document")
                .isEqualTo(first.builtAt());

        // A fact about the couple: the next read shows it.
        UUID checkIn = publish(
                ExerciseEvents.CHECK_IN_COMPLETED,
                couple,
                new ExerciseEvents.CheckInCompleted(
                        couple,
                        "2026-W40",
                        CoupleEvents.CheckInCadence.WEEKLY,
                        Instant.parse("2026-10-01T12:00:00Z"),
                        List.of(score(ann), score(ben))));
        await().atMost(Duration.ofSeconds(15)).until(() -> applied(checkIn));
        assertThat(document(couple).current()).isFalse();
        assertThat(read(ann)).contains("milestone:first-check-in");
        assertThat(document(couple).current()).isTrue();

        // A reader rebuilding the document is held inside its read of the facts (a lock on check_in_score) while a
        // pause is recorded; what it read before the pause must not be stored as current.
        UUID firstPause = publish(ExerciseEvents.SESSION_PAUSED, couple, pause(couple, ann));
        await().atMost(Duration.ofSeconds(15)).until(() -> applied(firstPause));
        CompletableFuture<String> reader;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("lock table check_in_score in access exclusive mode");
            reader = CompletableFuture.supplyAsync(() -> read(ben));
            await().atMost(Duration.ofSeconds(10)).until(this::aReaderWaitsOnTheLock);
            UUID secondPause = publish(ExerciseEvents.SESSION_PAUSED, couple, pause(couple, ben));
            await().atMost(Duration.ofSeconds(15)).until(() -> applied(secondPause));
            lock.rollback();
        }
        assertThat(reader.get()).contains("milestone:first-check-in");
        Document afterRace = document(couple);
        assertThat(afterRace.current())
                .as("built from facts older than the pause")
                .isFalse();
        read(ann);
        Document rebuilt = document(couple);
        assertThat(rebuilt.current()).isTrue();
        assertThat(rebuilt.pauses()).isEqualTo(2);

        // Ben erases himself: no document keeps anything of him, and alice's insights are built without him.
        UUID erased = TopicWriter.publish(
                        PartnerEvents.ERASED, "/couple-service", ben.id(), new PartnerEvents.PartnerErased(ben.id()))
                .id();
        await().atMost(Duration.ofSeconds(15)).until(() -> applied(erased));
        assertThat(mentions(ben.id())).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> members(couple) == 1); // the membership view forgets him too
        assertThat(read(ann)).doesNotContain(ben.id());
        assertThat(mentions(ben.id())).isZero();
    }

    @Test
    void aPurgedCouplesDocumentIsDeletedWhole() throws Exception {
        Person cat = TestUsers.create("Cat");
        Person dan = TestUsers.create("Dan");
        String couple = formed(cat, dan);
        UUID checkIn = publish(
                ExerciseEvents.CHECK_IN_COMPLETED,
                couple,
                new ExerciseEvents.CheckInCompleted(
                        couple,
                        "2026-W41",
                        CoupleEvents.CheckInCadence.WEEKLY,
                        Instant.parse("2026-10-08T12:00:00Z"),
                        List.of(score(cat), score(dan))));
        await().atMost(Duration.ofSeconds(15)).until(() -> applied(checkIn));
        assertThat(read(cat)).contains("milestone:first-check-in");
        assertThat(mentions(cat.id())).isOne();

        UUID purged = TopicWriter.publish(
                        CoupleEvents.PURGED, "/couple-service", couple, new CoupleEvents.CouplePurged(couple))
                .id();
        await().atMost(Duration.ofSeconds(15)).until(() -> applied(purged));
        assertThat(mentions(cat.id())).isZero();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("select facts from couple_insight_view where couple_id = ?::uuid")) {
            s.setString(1, couple);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("not even the purged couple's id stays").isFalse();
            }
        }
    }

    private record Document(boolean current, Instant builtAt, int pauses) {}

    private Document document(String couple) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                select version = built_version, built_at, coalesce(jsonb_array_length(facts -> 'pauses'), 0)
                from couple_insight_view where couple_id = ?::uuid""")) {
            s.setString(1, couple);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("a read model row for " + couple).isTrue();
                return new Document(
                        r.getBoolean(1),
                        r.getTimestamp(2) == null ? null : r.getTimestamp(2).toInstant(),
                        r.getInt(3));
            }
        }
    }

    /** Documents holding anything of this person, in their text or their list of people. */
    private long mentions(String partnerId) throws Exception {
        return FactsDatabase.number(dataSource, """
                select count(*) from couple_insight_view where strpos(coalesce(facts::text, ''), ?) > 0
                or people @> array[cast(? as text)]""", partnerId, partnerId);
    }

    private long members(String couple) throws Exception {
        return FactsDatabase.number(
                dataSource, "select count(*) from couple_view_member where couple_id = ?::uuid", couple);
    }

    private boolean applied(UUID eventId) throws Exception {
        return FactsDatabase.applied(dataSource, eventId);
    }

    private boolean aReaderWaitsOnTheLock() throws Exception {
        return FactsDatabase.number(dataSource, """
                select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%from check_in_score%'""") > 0;
    }

    private static String read(Person who) {
        return given().auth()
                .oauth2(who.token())
                .accept(ContentType.JSON)
                .get("/v1/couples/" + coupleOf.get(who) + "/insights")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static final Map<Person, String> coupleOf = new ConcurrentHashMap<>();

    /** A couple as couple-service announces it; readable here once the membership view has it. */
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
        coupleOf.put(a, couple);
        coupleOf.put(b, couple);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> given().auth()
                                .oauth2(a.token())
                                .get("/v1/couples/" + couple + "/insights")
                                .then()
                                .extract()
                                .statusCode()
                        == 200);
        return couple;
    }

    private static ExerciseEvents.CheckInScores score(Person who) {
        return new ExerciseEvents.CheckInScores(
                who.id(), ExerciseEvents.Mood.CALM, 3, 6, 7, ExerciseEvents.ScreenTime.UNDER_1H);
    }

    private static ExerciseEvents.SessionPaused pause(String couple, Person by) {
        Instant at = Instant.now();
        return new ExerciseEvents.SessionPaused(
                couple, "s-" + UUID.randomUUID(), "no-judgment-zone", by.id(), true, at, at.plusSeconds(1200));
    }

    private static <T> UUID publish(EventType<T> type, String couple, T data) {
        EventEnvelope event = TopicWriter.publish(type, "/exercise-service", couple, data);
        return event.id();
    }
}
