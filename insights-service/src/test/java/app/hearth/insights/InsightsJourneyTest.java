package app.hearth.insights;

import static app.hearth.insights.InsightsApi.checkIn;
import static app.hearth.testsupport.Api.as;
import static app.hearth.testsupport.Api.pair;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import app.hearth.events.CoupleEvents;
import app.hearth.events.EventType;
import app.hearth.events.ExerciseEvents;
import app.hearth.events.PartnerEvents;
import app.hearth.events.ReminderEvents;
import app.hearth.events.Topics;
import app.hearth.insights.service.InsightsService;
import app.hearth.insights.service.ProjectionRebuild;
import app.hearth.insights.service.Voice;
import app.hearth.membership.CoupleViewMember;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.Sql;
import app.hearth.testsupport.TestClock;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.Tokens;
import app.hearth.testsupport.TopicReader;
import app.hearth.testsupport.TopicWriter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Six weeks of a couple's life, for real: alice and bob check in every week through exercise-service's API (its clock
 * moved a week at a time), the events travel through Kafka, and insights, milestones and recommendations follow.
 * Then: duplicates and a full rebuild leave the same insights; erasure removes bob's part for good.
 */
@QuarkusTest
class InsightsJourneyTest {
    static final int WEEKS = 6;
    // Alice's closeness falls for the last three weeks and her satisfaction stays low: two warning signs.
    static final int[] ALICE_CLOSENESS = {6, 6, 6, 5, 4, 3};
    static final int[] ALICE_SATISFACTION = {7, 6, 6, 4, 3, 3};
    static final int[] BOB_CLOSENESS = {6, 6, 7, 6, 6, 6};

    @AfterEach
    void realTime() {
        TestClock.CLOCK.reset();
        PeerServices.shiftClock("exercise-service", Duration.ZERO);
    }

    /** Insights without the instant they were generated at: what must be identical across replays. */
    static String stable(Person who, String couple) {
        JsonPath body = as(who).get("/v1/couples/" + couple + "/insights")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return body.getList("insights").toString();
    }

    @Test
    void sixWeeksOfCheckInsBecomeInsightsThatSurviveReplayAndForgetAnErasedPartner() throws Exception {
        String couples = PeerServices.url("couple-service");
        String exercises = PeerServices.url("exercise-service");
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        for (Person p : List.of(alice, bob)) {
            as(p).body(Map.of("timeZone", "UTC", "startOfDayHour", 0))
                    .patch(couples + "/v1/me")
                    .then()
                    .statusCode(200);
        }
        String couple = pair(couples, alice, bob, "ROMANTIC");
        Instant start = Instant.now();

        for (int week = 0; week < WEEKS; week++) {
            PeerServices.shiftClock("exercise-service", Duration.ofDays(7L * week));
            String screen = week < 2 ? "1_TO_3H" : "OVER_3H";
            as(alice)
                    .body(checkIn(ALICE_CLOSENESS[week], ALICE_SATISFACTION[week], screen))
                    .post(exercises + "/v1/couples/" + couple + "/check-ins")
                    .then()
                    .statusCode(201);
            as(bob).body(checkIn(BOB_CLOSENESS[week], 8, week == 0 ? "UNDER_1H" : screen))
                    .post(exercises + "/v1/couples/" + couple + "/check-ins")
                    .then()
                    .statusCode(201)
                    .body("status", equalTo("COMPLETED"));
            if (week == 0) {
                // End to end, from exercise-service's commit to an insight here (normal operation: well within a
                // second).
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> as(alice)
                                .get("/v1/couples/" + couple + "/insights")
                                .then()
                                .extract()
                                .asString()
                                .contains("milestone:first-check-in"));
            }
        }
        // What other services would have published meanwhile: a completed exercise, the detox, a pause with the pause
        // word.
        publish(
                ExerciseEvents.EXERCISE_COMPLETED,
                couple,
                new ExerciseEvents.ExerciseCompleted(
                        couple,
                        "s-" + UUID.randomUUID(),
                        "reflecting-back-feelings",
                        "CONVERSATION",
                        "BEGINNER",
                        List.of("EMPATHY"),
                        List.of(new ExerciseEvents.Rating(alice.id(), 4, 5)),
                        start.plus(Duration.ofDays(20))));
        publish(
                ExerciseEvents.SESSION_PAUSED,
                couple,
                new ExerciseEvents.SessionPaused(
                        couple,
                        "s-" + UUID.randomUUID(),
                        "no-judgment-zone",
                        bob.id(),
                        true,
                        start.plus(Duration.ofDays(33)),
                        start.plus(Duration.ofDays(33)).plusSeconds(1200)));
        publish(
                ReminderEvents.FIRED,
                couple,
                new ReminderEvents.ReminderFired(
                        UUID.randomUUID().toString(),
                        alice.id(),
                        couple,
                        ReminderEvents.Kind.CHECK_IN,
                        null,
                        start.plus(Duration.ofDays(34)),
                        start.plus(Duration.ofDays(34))));

        TestClock.CLOCK.set(start.plus(Duration.ofDays(7L * (WEEKS - 1))).plusSeconds(120));
        await().atMost(Duration.ofSeconds(15)).until(() -> stable(alice, couple).contains("milestone:first-empathy"));
        JsonPath insights = as(alice)
                .get("/v1/couples/" + couple + "/insights")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(insights.getInt("insights.find { it.id == 'check-in-streak' }.numbers.periods"))
                .isEqualTo(WEEKS);
        assertThat(insights.getList("insights.id"))
                .contains(
                        "milestone:first-check-in",
                        "milestone:four-week-streak",
                        "milestone:first-empathy",
                        "alignment",
                        "screen-time-closeness",
                        "layer-coverage",
                        "consistency",
                        "warning:closeness-falling:" + alice.id(),
                        "warning:satisfaction-low:" + alice.id());
        assertThat(insights.getString("insights.find { it.id == 'closeness-trend:" + alice.id() + "' }.sentence"))
                .startsWith("Your closeness")
                .contains("falling");
        assertThat(insights.getString("insights.find { it.id == 'closeness-trend:" + bob.id() + "' }.sentence"))
                .startsWith("Your partner's closeness");
        // Two warnings at once are not the guide's trigger for outside help (OutsideHelpTest has those).
        assertThat(insights.getList("insights.id"))
                .noneMatch(id -> id.toString().startsWith("outside-help"));
        assertThat(insights.getList("insights.find { it.id == 'closeness-trend:" + alice.id() + "' }.numbers.values"))
                .containsExactly(6, 6, 6, 5, 4, 3);
        assertThat(insights.prettify()).doesNotContain("a private thought");

        // Recommendations: lots of screen time → the detox first; a pause two days ago → nothing advanced.
        JsonPath recommendations = as(alice)
                .get("/v1/couples/" + couple + "/recommendations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(recommendations.getString("recommendations[0].slug")).isEqualTo("digital-detox-7-day");
        assertThat(recommendations.getList("recommendations.level")).doesNotContain("ADVANCED");
        assertThat(recommendations.getList("recommendations[0].reasons").toString())
                .contains("screen time");
        as(alice)
                .get("/v1/couples/" + couple + "/recommendations?minutes=5")
                .then()
                .statusCode(200)
                .body("recommendations.minutes", Matchers.everyItem(Matchers.lessThanOrEqualTo(5)));
        as(alice)
                .get("/v1/couples/" + couple + "/recommendations?minutes=lots")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        // Timeline and its picture.
        as(bob).get("/v1/couples/" + couple + "/insights/timeline?periods=8")
                .then()
                .statusCode(200)
                .body("timeline.points.size()", equalTo(8))
                .body("timeline.points.checkInComplete.findAll { it }.size()", equalTo(WEEKS));
        String svg = as(bob).accept("image/svg+xml")
                .get("/v1/couples/" + couple + "/insights/timeline.svg")
                .then()
                .statusCode(200)
                .contentType(containsString("image/svg+xml"))
                .extract()
                .asString();
        assertThat(svg)
                .contains(
                        "<svg",
                        "role=\"img\"",
                        "<title id=\"title\">Closeness",
                        "closeness (1-7)",
                        "your partner",
                        "</svg>");
        as(bob).get("/v1/couples/" + couple + "/insights/timeline?periods=500")
                .then()
                .statusCode(400);

        // Streaks can be hidden.
        as(bob).body(Map.of("showStreaks", false))
                .put("/v1/couples/" + couple + "/insights/preferences")
                .then()
                .statusCode(200);
        assertThat(stable(alice, couple)).doesNotContain("check-in-streak");
        as(bob).body(Map.of("showStreaks", true))
                .put("/v1/couples/" + couple + "/insights/preferences")
                .then()
                .statusCode(200);
        as(bob).body(Map.of("showStreaks", "maybe"))
                .put("/v1/couples/" + couple + "/insights/preferences")
                .then()
                .statusCode(400);

        // Every event of this couple delivered twice: nothing changes.
        String before = stable(alice, couple);
        redeliver(couple);
        assertThat(stable(alice, couple)).isEqualTo(before);

        // A full rebuild from the topics: it really replays (events read, facts written), every couple's insights come
        // out the same, and a reader polling all along never sees empty or partial insights.
        String ops = Tokens.user("olivia");
        String allInsightsBefore = allInsights();
        Map<String, List<String>> allFactsBefore = allFacts();
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        List<String> seenWhileRebuilding = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            while (rebuilding.get()) {
                seenWhileRebuilding.add(stable(alice, couple));
            }
        });
        reader.start();
        given().auth().oauth2(ops).post("/v1/ops/projections/rebuild").then().statusCode(202);
        await().atMost(Duration.ofMinutes(3))
                .until(() -> "DONE"
                        .equals(given().auth()
                                .oauth2(ops)
                                .get("/v1/ops/projections/rebuild")
                                .then()
                                .extract()
                                .path("state")));
        rebuilding.set(false);
        reader.join();
        JsonPath status = given().auth()
                .oauth2(ops)
                .get("/v1/ops/projections/rebuild")
                .then()
                .extract()
                .jsonPath();
        assertThat(status.getLong("eventsRead")).isGreaterThan(WEEKS);
        assertThat(status.getLong("factsWritten")).isGreaterThan(WEEKS);
        assertThat(seenWhileRebuilding).isNotEmpty().allMatch(before::equals);
        assertThat(stable(alice, couple)).isEqualTo(before);
        assertThat(allInsights()).as("every couple's insights, not one").isEqualTo(allInsightsBefore);
        Map<String, List<String>> allFactsAfter = allFacts();
        for (String table : allFactsBefore.keySet()) {
            // The shared test broker's topics may hold events of other runs' databases, which a rebuild rightly adds;
            // every entity (couple, session, reminder, person) that had facts before has exactly the same rows after.
            Set<String> entities = allFactsBefore.get(table).stream()
                    .map(InsightsJourneyTest::entity)
                    .collect(Collectors.toSet());
            assertThat(allFactsAfter.get(table).stream()
                            .filter(row -> entities.contains(entity(row)))
                            .toList())
                    .as("every row of " + table + " after the rebuild")
                    .containsExactlyElementsOf(allFactsBefore.get(table));
        }
        given().auth()
                .oauth2(alice.token())
                .post("/v1/ops/projections/rebuild")
                .then()
                .statusCode(403);

        // Export.
        as(alice)
                .get("/v1/me/export")
                .then()
                .statusCode(200)
                .body("held.checkInScores.size()", equalTo(WEEKS))
                .body("held.remindersFired.size()", equalTo(1));

        // Bob erases himself: his contribution goes, and a rebuild does not bring it back.
        as(bob).delete(couples + "/v1/me").then().statusCode(204);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !stable(alice, couple).contains("closeness-trend:" + bob.id()));
        given().auth().oauth2(ops).post("/v1/ops/projections/rebuild").then().statusCode(202);
        await().atMost(Duration.ofMinutes(3))
                .until(() -> "DONE"
                        .equals(given().auth()
                                .oauth2(ops)
                                .get("/v1/ops/projections/rebuild")
                                .then()
                                .extract()
                                .path("state")));
        assertThat(stable(alice, couple)).doesNotContain(bob.id()).contains("closeness-trend:" + alice.id());
    }

    @Inject
    InsightsService insightsService;

    /** A fact row's first column: the couple, session, reminder or person it is about. */
    private static String entity(String row) {
        return row.substring(1, row.indexOf(','));
    }

    /** Every fact row of every table the rebuild replaces, as text, in a stable order. */
    private Map<String, List<String>> allFacts() throws Exception {
        Map<String, List<String>> facts = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                Statement statement = c.createStatement()) {
            for (String table : ProjectionRebuild.FACT_TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("select t::text from public." + table + " t order by 1")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                facts.put(table, rows);
            }
        }
        assertThat(facts.get("check_in_score")).isNotEmpty();
        return facts;
    }

    /** Every couple's insights as its first member sees them, in a stable order. */
    private String allInsights() throws Exception {
        List<String> couples = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                ResultSet rows = c.createStatement()
                        .executeQuery("select distinct couple_id from couple_view_member order by 1")) {
            while (rows.next()) {
                couples.add(rows.getString(1));
            }
        }
        assertThat(couples).isNotEmpty();
        StringBuilder all = new StringBuilder();
        for (String id : couples) {
            UUID couple = UUID.fromString(id);
            List<String> members = QuarkusTransaction.requiringNew().call(() -> CoupleViewMember.memberIds(couple));
            var snapshot = insightsService.snapshot(couple);
            all.append(id)
                    .append(' ')
                    .append(insightsService.insights(snapshot, Voice.forMember(members.get(0), members)))
                    .append('\n');
        }
        return all.toString();
    }

    @Test
    void factsDoNotDependOnTheOrderTheirEventsArriveIn() {
        // A couple's end read before its forming, a resumption read before its pause: neither is lost.
        String couple = UUID.randomUUID().toString();
        String alex = "order-" + UUID.randomUUID();
        Instant formed = Instant.parse("2026-10-01T10:00:00Z");
        TopicWriter.publish(
                CoupleEvents.ENDED,
                "/couple-service",
                couple,
                new CoupleEvents.CoupleEnded(
                        couple,
                        CoupleEvents.EndReason.MEMBER_ENDED,
                        Instant.parse("2026-11-01T10:00:00Z"),
                        Instant.parse("2026-12-01T10:00:00Z")));
        TopicWriter.publish(
                CoupleEvents.FORMED,
                "/couple-service",
                couple,
                new CoupleEvents.CoupleFormed(
                        couple,
                        CoupleEvents.RelationshipKind.FRIENDSHIP,
                        List.of(alex, "order-" + UUID.randomUUID()),
                        formed,
                        CoupleEvents.CheckInCadence.WEEKLY));
        TopicWriter.publish(
                ReminderEvents.RESUMED,
                "/reminder-service",
                alex,
                new ReminderEvents.RemindersResumed(alex, Instant.parse("2026-11-10T08:00:00Z")));
        TopicWriter.publish(
                ReminderEvents.PAUSED,
                "/reminder-service",
                alex,
                new ReminderEvents.RemindersPaused(
                        alex, LocalDate.parse("2026-11-20"), Instant.parse("2026-11-05T08:00:00Z")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(Sql.number(
                            dataSource,
                            "select count(*) from couple_fact where couple_id = '" + couple
                                    + "' and kind = 'FRIENDSHIP' "
                                    + "and formed_at is not null and ended_at is not null"))
                    .isEqualTo(1);
            assertThat(Sql.number(dataSource, """
                    select count(*) from vacation_fact v where v.partner_id = '%s' and (select min(r.resumed_at)
                    from vacation_resume_fact r where r.partner_id = v.partner_id and r.resumed_at >= v.paused_at) is not null""".formatted(alex))).isEqualTo(1);
        });
    }

    @Test
    void onlyOneRebuildRunsAcrossReplicasAndADeadReplicasRebuildIsTakenOver() throws Exception {
        String ops = Tokens.user("olivia");
        await().atMost(Duration.ofMinutes(3))
                .until(() -> !"RUNNING"
                        .equals(given().auth()
                                .oauth2(ops)
                                .get("/v1/ops/projections/rebuild")
                                .then()
                                .extract()
                                .path("state")));
        // Another replica is rebuilding (its heartbeat is fresh): this one refuses to start a second.
        Sql.update(dataSource, "update projection_rebuild set state = 'RUNNING', heartbeat_at = now() where id = 1");
        given().auth()
                .oauth2(ops)
                .post("/v1/ops/projections/rebuild")
                .then()
                .statusCode(409)
                .body("type", containsString("rebuild-running"));
        given().auth().oauth2(ops).get("/v1/ops/projections/rebuild").then().body("state", equalTo("RUNNING"));
        // That replica died a while ago: its rebuild is taken over.
        Sql.update(
                dataSource, "update projection_rebuild set heartbeat_at = now() - interval '5 minutes' where id = 1");
        given().auth().oauth2(ops).post("/v1/ops/projections/rebuild").then().statusCode(202);
        await().atMost(Duration.ofMinutes(3))
                .until(() -> "DONE"
                        .equals(given().auth()
                                .oauth2(ops)
                                .get("/v1/ops/projections/rebuild")
                                .then()
                                .extract()
                                .path("state")));
    }

    @Test
    void onlyMembersAndGrantedPartnerAppsSeeACouplesInsights() {
        String couples = PeerServices.url("couple-service");
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(couples, alice, bob, "FRIENDSHIP");
        as(alice).get("/v1/couples/" + couple + "/insights").then().statusCode(200);

        Person carol = TestUsers.create("Carol");
        String app = Tokens.partnerApp("insights.read");
        for (String path : List.of("/insights", "/recommendations", "/insights/timeline", "/insights/timeline.svg")) {
            String accept = path.endsWith(".svg") ? "image/svg+xml" : "application/json";
            as(carol).accept(accept).get("/v1/couples/" + couple + path).then().statusCode(404);
            given().auth()
                    .oauth2(app)
                    .accept(accept)
                    .get("/v1/couples/" + couple + path)
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(Tokens.user("olivia"))
                    .accept(accept)
                    .get("/v1/couples/" + couple + path)
                    .then()
                    .statusCode(404);
            as(carol)
                    .accept(accept)
                    .get("/v1/couples/" + UUID.randomUUID() + path)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
        as(carol)
                .body(Map.of("showStreaks", false))
                .put("/v1/couples/" + couple + "/insights/preferences")
                .then()
                .statusCode(404);

        String grant = as(alice)
                .body(Map.of("clientId", "partner-demo", "scopes", List.of("insights.read")))
                .post(couples + "/v1/couples/" + couple + "/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(bob).post(couples + "/v1/couples/" + couple + "/grants/" + grant + "/approve")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> given().auth()
                                .oauth2(app)
                                .get("/v1/couples/" + couple + "/insights")
                                .then()
                                .extract()
                                .statusCode()
                        == 200);
        // Without insights.read in the token, refused whatever the couple granted.
        given().auth()
                .oauth2(Tokens.partnerApp("couples.read"))
                .get("/v1/couples/" + couple + "/insights")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(app)
                .body(Map.of("showStreaks", false))
                .contentType(ContentType.JSON)
                .put("/v1/couples/" + couple + "/insights/preferences")
                .then()
                .statusCode(403);

        // Population insights: ops only, aggregates only.
        as(alice).get("/v1/population/insights").then().statusCode(403);
        String population = given().auth()
                .oauth2(Tokens.user("olivia"))
                .get("/v1/population/insights")
                .then()
                .statusCode(200)
                .body("k", equalTo(10))
                .body("tables.size()", equalTo(4))
                .extract()
                .asString();
        assertThat(population).doesNotContain(couple, alice.id(), bob.id());
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndFactsKeepFlowing() throws Exception {
        String couple = UUID.randomUUID().toString();
        try (TopicReader dlq = new TopicReader(Topics.deadLetter("insights-service"))) {
            TopicWriter.send(Topics.EXERCISE_EVENTS, couple, "this is not an event");
            String session = "after-poison-" + UUID.randomUUID();
            TopicWriter.publish(
                    ExerciseEvents.SESSION_STARTED,
                    "/exercise-service",
                    couple,
                    new ExerciseEvents.SessionStarted(
                            couple,
                            session,
                            "silent-walk",
                            "RITUAL",
                            "BEGINNER",
                            List.of("SAFETY"),
                            "someone",
                            Instant.now()));
            await().atMost(Duration.ofSeconds(15)).until(() -> markerApplied(session));
            assertThat(dlq.await(r -> r.value().equals("this is not an event"), 1, Duration.ofSeconds(15)))
                    .hasSize(1);
        }
    }

    @Test
    void aPurgedCoupleIsForgottenAndAReplayDoesNotBringItBack() throws Exception {
        String couple = UUID.randomUUID().toString();
        var scores = List.of(
                new ExerciseEvents.CheckInScores(
                        "p-" + couple, ExerciseEvents.Mood.CALM, 3, 5, 7, ExerciseEvents.ScreenTime.UNDER_1H),
                new ExerciseEvents.CheckInScores(
                        "q-" + couple, ExerciseEvents.Mood.CALM, 3, 6, 7, ExerciseEvents.ScreenTime.UNDER_1H));
        var completed = new ExerciseEvents.CheckInCompleted(
                couple, "2026-W40", CoupleEvents.CheckInCadence.WEEKLY, Instant.parse("2026-10-01T12:00:00Z"), scores);
        publish(ExerciseEvents.CHECK_IN_COMPLETED, couple, completed);
        await().atMost(Duration.ofSeconds(15)).until(() -> count("check_in_score", couple) == 2);

        TopicWriter.publish(CoupleEvents.PURGED, "/couple-service", couple, new CoupleEvents.CouplePurged(couple));
        await().atMost(Duration.ofSeconds(15)).until(() -> count("check_in_score", couple) == 0);
        // The same facts again (a replay, or a late duplicate): once applied, nothing has come back.
        var again = TopicWriter.publish(ExerciseEvents.CHECK_IN_COMPLETED, "/exercise-service", couple, completed);
        await().atMost(Duration.ofSeconds(15)).until(() -> applied(again.id()));
        assertThat(count("check_in_score", couple)).isZero();
    }

    @Test
    void anErasureArrivingFirstKeepsThePartnersLateCheckInAndNothingOfTheErasedOne() throws Exception {
        // The worst order for insights: PartnerErased (partner-events) overtakes a check-in both made
        // (exercise-events).
        String couple = UUID.randomUUID().toString();
        String gone = "gone-" + couple;
        String stays = "stays-" + couple;
        var erased = TopicWriter.publish(
                PartnerEvents.ERASED, "/couple-service", gone, new PartnerEvents.PartnerErased(gone));
        await().atMost(Duration.ofSeconds(15)).until(() -> applied(erased.id()));
        var late = TopicWriter.publish(
                ExerciseEvents.CHECK_IN_COMPLETED,
                "/exercise-service",
                couple,
                new ExerciseEvents.CheckInCompleted(
                        couple,
                        "2026-W30",
                        CoupleEvents.CheckInCadence.WEEKLY,
                        Instant.parse("2026-07-25T12:00:00Z"),
                        List.of(
                                new ExerciseEvents.CheckInScores(
                                        gone, ExerciseEvents.Mood.SAD, 4, 2, 2, ExerciseEvents.ScreenTime.OVER_3H),
                                new ExerciseEvents.CheckInScores(
                                        stays,
                                        ExerciseEvents.Mood.CALM,
                                        3,
                                        6,
                                        7,
                                        ExerciseEvents.ScreenTime.UNDER_1H))));
        await().atMost(Duration.ofSeconds(15)).until(() -> applied(late.id()));
        assertThat(count("check_in_score", couple)).isEqualTo(1);
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("select partner_id from check_in_score where couple_id = ?::uuid")) {
            s.setString(1, couple);
            try (var rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(stays);
            }
        }
    }

    private boolean applied(UUID eventId) throws Exception {
        return FactsDatabase.applied(dataSource, eventId);
    }

    private long count(String table, String couple) throws Exception {
        return FactsDatabase.number(dataSource, "select count(*) from " + table + " where couple_id = ?::uuid", couple);
    }

    private static <T> void publish(EventType<T> type, String couple, T data) {
        TopicWriter.publish(type, Topics.owner(type.topic()), couple, data);
    }

    /** Sends every record about this couple on the domain topics again, then waits until the last one is applied. */
    private void redeliver(String couple) throws Exception {
        for (String topic : List.of(Topics.COUPLE_EVENTS, Topics.EXERCISE_EVENTS, Topics.REMINDER_EVENTS)) {
            try (TopicReader all = TopicReader.fromBeginning(topic)) {
                for (ConsumerRecord<String, String> record : all.pollFor(Duration.ofSeconds(2))) {
                    if (couple.equals(record.key())) {
                        TopicWriter.send(topic, record.key(), record.value());
                    }
                }
            }
        }
        // A marker after them on the same partition: once it is a fact, the duplicates before it were processed.
        String marker = "marker-" + UUID.randomUUID();
        TopicWriter.publish(
                ExerciseEvents.SESSION_STARTED,
                "/exercise-service",
                couple,
                new ExerciseEvents.SessionStarted(
                        couple,
                        marker,
                        "silent-walk",
                        "RITUAL",
                        "BEGINNER",
                        List.of("SAFETY"),
                        "someone",
                        Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> markerApplied(marker));
    }

    @Inject
    AgroalDataSource dataSource;

    private boolean markerApplied(String sessionId) throws Exception {
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("select count(*) from session_fact where session_id = ?")) {
            s.setString(1, sessionId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }
}
