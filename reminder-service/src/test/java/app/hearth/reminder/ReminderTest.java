package app.hearth.reminder;

import static app.hearth.reminder.ReminderApi.daily;
import static app.hearth.reminder.ReminderApi.followingMe;
import static app.hearth.testsupport.Api.as;
import static app.hearth.testsupport.Api.pair;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import app.hearth.events.EventJson;
import app.hearth.events.EventSchemas;
import app.hearth.events.Topics;
import app.hearth.reminder.service.Dispatcher;
import app.hearth.reminder.service.ReminderService;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestClock;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class ReminderTest {

    @Inject
    Dispatcher dispatcher;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReminderService reminders;

    @AfterEach
    void realTime() {
        TestClock.CLOCK.reset();
    }

    @Test
    void aCreatedReminderCarriesTheVersionAChangeNeeds() {
        Person erin = TestUsers.create("Erin");
        var created = as(erin).body(daily("08:00"))
                .post("/v1/me/reminders")
                .then()
                .statusCode(201)
                .header("Location", containsString("/v1/me/reminders/"))
                .extract();
        String etag = created.header("ETag");
        assertThat(etag).as("the ETag of the created reminder").isNotBlank();
        as(erin).header("If-Match", etag)
                .body(Map.of("timeOfDay", "08:30"))
                .patch("/v1/me/reminders/" + created.path("id"))
                .then()
                .statusCode(200);
    }

    @Test
    void countWithoutAStartDateCountsFromCreationAndFiresExactlyThatOften() {
        Person cora = TestUsers.create("Cora");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T20:30:00Z")); // 21:30 in Paris: today's 20:00 has passed
        Map<String, Object> three = new HashMap<>(Map.of(
                "kind",
                "RITUAL",
                "title",
                "Six-second kiss",
                "rrule",
                "FREQ=DAILY;COUNT=3",
                "timeOfDay",
                "20:00",
                "zonePolicy",
                "FIXED",
                "fixedZone",
                "Europe/Paris"));
        String id = as(cora).body(three)
                .post("/v1/me/reminders")
                .then()
                .statusCode(201)
                .body("recipients[0].nextFireAt", equalTo("2026-11-26T19:00:00Z"))
                .extract()
                .path("id");
        for (String day : List.of("2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30")) {
            TestClock.CLOCK.set(Instant.parse(day + "T19:00:01Z"));
            dispatcher.dispatchDue();
        }
        as(cora).get("/v1/me/notifications").then().body("items.size()", equalTo(3));
        as(cora).get("/v1/me/reminders/" + id).then().body("recipients[0].nextFireAt", Matchers.nullValue());
    }

    @Test
    void aPersonalReminderIsScheduledOnTheWallClockOfItsZone() {
        Person dana = TestUsers.create("Dana");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        String id = as(dana).body(daily("20:30"))
                .post("/v1/me/reminders")
                .then()
                .statusCode(201)
                .body("rrule", containsString("FREQ=DAILY"))
                .body("recipients[0].nextFireAt", equalTo("2026-11-25T19:30:00Z"))
                .extract()
                .path("id");
        as(dana).get("/v1/me/reminders").then().body("items.id", Matchers.hasItem(id));
        as(dana).get("/v1/me/reminders/" + id).then().statusCode(200).body("timeOfDay", equalTo("20:30"));
        as(TestUsers.create("Carol"))
                .get("/v1/me/reminders/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(TestUsers.create("Carol")).delete("/v1/me/reminders/" + id).then().statusCode(404);
        as(dana).delete("/v1/me/reminders/" + id).then().statusCode(204);
        as(dana).get("/v1/me/reminders/" + id).then().statusCode(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "hourly spam        | rrule      | FREQ=HOURLY          | too often",
                "several per day    | rrule      | FREQ=DAILY;BYHOUR=8,20 | timeOfDay",
                "not a rule         | rrule      | whenever             | RFC 5545",
                "unknown zone       | fixedZone  | Mars/Olympus         | IANA",
                "wrong kind         | kind       | NAG                  | CHECK_IN",
                "not a time         | timeOfDay  | 25:00                | timeOfDay",
                "unknown field      | colour     | blue                 | colour"
            })
    void badRemindersAreRefusedWithAReason(String why, String field, String value, String detail) {
        Person dana = TestUsers.create("Dana");
        Map<String, Object> body = daily("20:30");
        body.put(field, value);
        as(dana).body(body)
                .post("/v1/me/reminders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(detail));
        as(dana).get("/v1/me/reminders").then().body("items", hasSize(0));
    }

    @Test
    void aDueReminderFiresOnceIntoTheInboxAndOnTheBroker() {
        Person dana = TestUsers.create("Dana");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        String id = as(dana).body(daily("20:30"))
                .post("/v1/me/reminders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try (TopicReader events = new TopicReader(Topics.REMINDER_EVENTS)) {
            TestClock.CLOCK.set(Instant.parse("2026-11-25T19:30:01Z"));
            dispatcher.dispatchDue();
            dispatcher.dispatchDue();
            as(dana).get("/v1/me/notifications")
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].reminderId", equalTo(id))
                    .body("items[0].status", equalTo("UNREAD"))
                    .body("items[0].occurrenceAt", equalTo("2026-11-25T19:30:00Z"));
            as(dana).get("/v1/me/reminders/" + id)
                    .then()
                    .body("recipients[0].nextFireAt", equalTo("2026-11-26T19:30:00Z"));

            List<ConsumerRecord<String, String>> fired =
                    events.await(r -> dana.id().equals(r.key()), 1, Duration.ofSeconds(10));
            assertThat(EventSchemas.validate(fired.get(0).value())).isEmpty();
            assertThat(fired.get(0).value()).doesNotContain("appreciate");
            assertThat(EventJson.read(fired.get(0).value())
                            .data()
                            .get("occurrenceAt")
                            .asText())
                    .isEqualTo("2026-11-25T19:30:00Z");
        }
        String notification =
                as(dana).get("/v1/me/notifications").then().extract().path("items[0].id");
        as(dana).post("/v1/me/notifications/" + notification + "/read")
                .then()
                .statusCode(200)
                .body("status", equalTo("READ"));
        as(dana).post("/v1/me/notifications/" + notification + "/dismiss")
                .then()
                .statusCode(200);
        as(dana).get("/v1/me/notifications").then().body("items", hasSize(0));
        as(TestUsers.create("Carol"))
                .post("/v1/me/notifications/" + notification + "/read")
                .then()
                .statusCode(404);
    }

    @Test
    void aSnoozedNotificationComesBackAndSkipNextSkipsOneOccurrence() {
        Person dana = TestUsers.create("Dana");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        String id = as(dana).body(daily("20:30"))
                .post("/v1/me/reminders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T19:31:00Z"));
        dispatcher.dispatchDue();
        String notification =
                as(dana).get("/v1/me/notifications").then().extract().path("items[0].id");

        as(dana).body(Map.of("minutes", 5))
                .post("/v1/me/notifications/" + notification + "/snooze")
                .then()
                .statusCode(400)
                .body("detail", containsString("minutes"));
        as(dana).body(Map.of("minutes", 1441))
                .post("/v1/me/notifications/" + notification + "/snooze")
                .then()
                .statusCode(400);
        as(dana).body(Map.of("minutes", 30))
                .post("/v1/me/notifications/" + notification + "/snooze")
                .then()
                .statusCode(200)
                .body("status", equalTo("SNOOZED"))
                .body("snoozedUntil", equalTo("2026-11-25T20:01:00Z"));
        TestClock.CLOCK.set(Instant.parse("2026-11-25T19:50:00Z"));
        dispatcher.dispatchDue();
        as(dana).get("/v1/me/notifications").then().body("items[0].status", equalTo("SNOOZED"));
        TestClock.CLOCK.set(Instant.parse("2026-11-25T20:02:00Z"));
        dispatcher.dispatchDue();
        as(dana).get("/v1/me/notifications")
                .then()
                .body("items", hasSize(1))
                .body("items[0].status", equalTo("UNREAD"))
                .body("items[0].firedAt", equalTo("2026-11-25T20:02:00Z"));

        // Not tomorrow: the day after.
        as(dana).post("/v1/me/reminders/" + id + "/skip-next")
                .then()
                .statusCode(200)
                .body("recipients[0].nextFireAt", equalTo("2026-11-27T19:30:00Z"));
        as(TestUsers.create("Carol"))
                .post("/v1/me/reminders/" + id + "/skip-next")
                .then()
                .statusCode(404);
    }

    @Test
    void aSkippedOccurrenceStaysSkippedThroughReminderAndProfileEdits() {
        Person sky = TestUsers.create("Sky");
        Couples.calendar(sky, "Europe/Paris", "23:00", "07:00");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        String id = followingMe(sky, "20:30", "2026-11-25T19:30:00Z");
        as(sky).post("/v1/me/reminders/" + id + "/skip-next")
                .then()
                .statusCode(200)
                .body("recipients[0].nextFireAt", equalTo("2026-11-26T19:30:00Z"));
        // A new title moves nothing; a new time keeps today skipped; so does a change of quiet hours.
        as(sky).header("If-Match", "*")
                .body(Map.of("title", "Say thank you"))
                .patch("/v1/me/reminders/" + id)
                .then()
                .statusCode(200)
                .body("recipients[0].nextFireAt", equalTo("2026-11-26T19:30:00Z"));
        as(sky).header("If-Match", "*")
                .body(Map.of("timeOfDay", "21:00"))
                .patch("/v1/me/reminders/" + id)
                .then()
                .statusCode(200)
                .body("recipients[0].nextFireAt", equalTo("2026-11-26T20:00:00Z"));
        Couples.calendar(sky, "Europe/Paris", "22:30", "07:00");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(sky).get("/v1/me/reminders/" + id)
                        .then()
                        .body("recipients[0].nextFireAt", equalTo("2026-11-26T20:00:00Z")));
        TestClock.CLOCK.set(Instant.parse("2026-11-25T20:00:01Z"));
        dispatcher.dispatchDue();
        as(sky).get("/v1/me/notifications").then().body("items.size()", equalTo(0));
    }

    @Test
    void aSkipStillCommittingWhenTheZoneChangesIsKept() throws Exception {
        Person ash = TestUsers.create("Ash");
        Couples.calendar(ash, "Europe/Paris", "23:00", "07:00");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        String id = followingMe(ash, "20:30", "2026-11-25T19:30:00Z");
        // Today's occurrence skipped in a transaction that stays open until the zone change is waiting on it.
        CountDownLatch skipped = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> skip = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                .run(() -> {
                    reminders.skipNext(UUID.fromString(id), ash.id());
                    skipped.countDown();
                    try {
                        commit.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        try {
            assertThat(skipped.await(30, TimeUnit.SECONDS)).isTrue();
            Couples.calendar(ash, "Europe/London", "23:00", "07:00");
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingOnLocks() > 0);
        } finally {
            commit.countDown(); // never leave the skip's transaction (and the zone change behind it) hanging
        }
        skip.get(30, TimeUnit.SECONDS);
        // Replanned on London time from the row as skipped: tomorrow at 20:30 London, not today (the skip lost).
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(ash).get("/v1/me/reminders/" + id)
                        .then()
                        .body("recipients[0].nextFireAt", equalTo("2026-11-26T20:30:00Z")));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> as(ash).get("/v1/me/reminders/" + id)
                        .then()
                        .body("recipients[0].nextFireAt", equalTo("2026-11-26T20:30:00Z")));
    }

    /**
     * A daily reminder at {@code time} that follows {@code who}'s zone, once planned on their calendar: it is planned
     * at once, and again when couple-service's profile event arrives; returns its id once it fires at {@code firstFire}.
     */

    /** Transactions of this service's database waiting for a lock another one holds. */
    private long waitingOnLocks() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from pg_stat_activity "
                        + "where datname = current_database() and wait_event_type = 'Lock'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void anOccurrenceHeldByQuietHoursStillFiresAfterEdits() {
        Person hex = TestUsers.create("Hex");
        Couples.calendar(hex, "Europe/Paris", "22:00", "07:00");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        // Once couple-service's profile event is here, the 22:30 occurrence is held to 07:00.
        String id = followingMe(hex, "22:30", "2026-11-26T06:00:00Z");
        // 23:00 in Paris: today's occurrence came due and waits for the end of quiet hours.
        TestClock.CLOCK.set(Instant.parse("2026-11-25T22:00:00Z"));
        dispatcher.dispatchDue();
        as(hex).header("If-Match", "*")
                .body(Map.of("timeOfDay", "22:45"))
                .patch("/v1/me/reminders/" + id)
                .then()
                .statusCode(200)
                .body("recipients[0].nextOccurrenceAt", equalTo("2026-11-25T21:30:00Z"))
                .body("recipients[0].nextFireAt", equalTo("2026-11-26T06:00:00Z"));
        Couples.calendar(hex, "Europe/Paris", "22:00", "08:00");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(hex).get("/v1/me/reminders/" + id)
                        .then()
                        .body("recipients[0].nextFireAt", equalTo("2026-11-26T07:00:00Z")));
        TestClock.CLOCK.set(Instant.parse("2026-11-26T07:00:01Z"));
        dispatcher.dispatchDue();
        as(hex).get("/v1/me/notifications")
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].occurrenceAt", equalTo("2026-11-25T21:30:00Z"));
        // The series goes on from the next day, at its new time (and, being in quiet hours, held too).
        as(hex).get("/v1/me/reminders/" + id)
                .then()
                .body("recipients[0].nextOccurrenceAt", equalTo("2026-11-26T21:45:00Z"))
                .body("recipients[0].nextFireAt", equalTo("2026-11-27T07:00:00Z"));
    }

    @Test
    void aVacationPauseSkipsOccurrencesUntilItsDateAndIsAnnounced() {
        Person dana = TestUsers.create("Dana");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        as(dana).body(daily("20:30")).post("/v1/me/reminders").then().statusCode(201);
        try (TopicReader events = new TopicReader(Topics.REMINDER_EVENTS)) {
            as(dana).body(Map.of("until", "2026-11-26"))
                    .post("/v1/me/reminders/pause")
                    .then()
                    .statusCode(200)
                    .body("until", equalTo("2026-11-26"));
            as(dana).body(Map.of("until", "2030-01-01"))
                    .post("/v1/me/reminders/pause")
                    .then()
                    .statusCode(400);
            for (String at : List.of("2026-11-25T19:31:00Z", "2026-11-26T19:31:00Z")) {
                TestClock.CLOCK.set(Instant.parse(at));
                dispatcher.dispatchDue();
            }
            as(dana).get("/v1/me/notifications").then().body("items", hasSize(0));
            TestClock.CLOCK.set(Instant.parse("2026-11-27T19:31:00Z"));
            dispatcher.dispatchDue();
            as(dana).get("/v1/me/notifications")
                    .then()
                    .body("items", hasSize(1))
                    .body("items[0].occurrenceAt", equalTo("2026-11-27T19:30:00Z"));
            as(dana).post("/v1/me/reminders/resume").then().statusCode(204);
            // ... as the document says (it said 201, what a POST answers by default).
            given().accept("application/json")
                    .get("/q/openapi")
                    .then()
                    .body("paths.'/v1/me/reminders/resume'.post.responses.keySet()", hasItem("204"))
                    .body("paths.'/v1/me/reminders/resume'.post.responses.keySet()", not(hasItem("201")));

            List<ConsumerRecord<String, String>> emitted =
                    events.await(r -> dana.id().equals(r.key()), 3, Duration.ofSeconds(10));
            assertThat(emitted.stream().map(r -> EventJson.read(r.value()).type()))
                    .containsExactly(
                            "hearth.reminder.paused.v1", "hearth.reminder.fired.v1", "hearth.reminder.resumed.v1");
            emitted.forEach(r -> assertThat(EventSchemas.validate(r.value())).isEmpty());
        }
    }

    @Test
    void twoDispatchersFiringTheSameBatchCreateNoDuplicate() throws Exception {
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Person p = TestUsers.create("Batch");
            people.add(p);
            for (int j = 0; j < 5; j++) {
                as(p).body(daily("20:" + (10 + j)))
                        .post("/v1/me/reminders")
                        .then()
                        .statusCode(201);
            }
        }
        TestClock.CLOCK.set(Instant.parse("2026-11-25T19:20:00Z"));
        var pool = Executors.newFixedThreadPool(2);
        try {
            var a = CompletableFuture.supplyAsync(dispatcher::dispatchDue, pool);
            var b = CompletableFuture.supplyAsync(dispatcher::dispatchDue, pool);
            CompletableFuture.allOf(a, b).get();
        } finally {
            pool.shutdown();
        }
        for (Person p : people) {
            as(p).get("/v1/me/notifications").then().body("items", hasSize(5));
        }
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select count(*) - count(distinct (reminder_id, occurrence_at, partner_id)) from notification")) {
            rs.next();
            assertThat(rs.getInt(1)).as("duplicate notifications").isZero();
        }
    }

    @Test
    void aLongDistanceCoupleSeesWhenTheyAreBothAwake() {
        Person aiko = TestUsers.create("Aiko");
        Person lee = TestUsers.create("Lee");
        String couples = PeerServices.url("couple-service");
        as(aiko).body(Map.of("timeZone", "Asia/Tokyo", "quietHours", Map.of("start", "22:00", "end", "07:00")))
                .patch(couples + "/v1/me")
                .then()
                .statusCode(200);
        as(lee).body(Map.of("timeZone", "America/Los_Angeles", "quietHours", Map.of("start", "22:00", "end", "07:00")))
                .patch(couples + "/v1/me")
                .then()
                .statusCode(200);
        String couple = pair(couples, aiko, lee, "ROMANTIC");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(aiko).get("/v1/couples/" + couple + "/shared-windows?days=2")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("assumedCalendars")
                        .isEmpty());
        as(aiko).get("/v1/couples/" + couple + "/shared-windows?days=2")
                .then()
                .statusCode(200)
                .body("windows[0].start", equalTo("2026-11-25T22:00:00Z"))
                .body("windows[0].minutes", equalTo(480))
                .body(
                        "windows[0].local.find { it.timeZone == 'Asia/Tokyo' }.start",
                        equalTo("2026-11-26T07:00:00+09:00"))
                .body(
                        "windows[0].local.find { it.timeZone == 'America/Los_Angeles' }.start",
                        equalTo("2026-11-25T14:00:00-08:00"));
        as(aiko).get("/v1/couples/" + couple + "/shared-windows?days=30").then().statusCode(400);
        as(TestUsers.create("Carol"))
                .get("/v1/couples/" + couple + "/shared-windows")
                .then()
                .statusCode(404);
    }

    @Test
    void affectionRitualsAndARepeatedDetoxKeepTheCouplesOwnRhythm() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(PeerServices.url("couple-service"), alice, bob, "ROMANTIC");
        // The guide's nightly five-minute tech-free cuddle, every night at ten.
        Map<String, Object> cuddle = daily("22:00");
        cuddle.put("kind", "RITUAL");
        cuddle.put("title", "Phones away: five quiet minutes together");
        cuddle.put("exerciseSlug", "nightly-tech-free-cuddle");
        as(alice)
                .body(cuddle)
                .post("/v1/couples/" + couple + "/reminders")
                .then()
                .statusCode(201)
                .body("recipients", hasSize(2))
                .body("exerciseSlug", equalTo("nightly-tech-free-cuddle"));
        // The digital detox, again on the first Saturday of every month: "regular", as the guide says.
        Map<String, Object> detox = daily("10:00");
        detox.put("kind", "EXERCISE");
        detox.put("title", "Our monthly digital detox starts today");
        detox.put("rrule", "FREQ=MONTHLY;BYDAY=1SA");
        detox.put("exerciseSlug", "digital-detox-7-day");
        as(bob).body(detox)
                .post("/v1/couples/" + couple + "/reminders")
                .then()
                .statusCode(201)
                .body("rrule", equalTo("FREQ=MONTHLY;BYDAY=1SA"));
        as(bob).get("/v1/couples/" + couple + "/reminders")
                .then()
                .body("items.exerciseSlug", hasItems("nightly-tech-free-cuddle", "digital-detox-7-day"));
    }

    @Test
    void aCoupleReminderReachesBothMembersAndNonMembersSeeNothing() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couples = PeerServices.url("couple-service");
        String couple = pair(couples, alice, bob, "ROMANTIC");

        Map<String, Object> body = daily("21:00");
        body.put("kind", "CHECK_IN");
        as(alice)
                .body(body)
                .post("/v1/couples/" + couple + "/reminders")
                .then()
                .statusCode(201)
                .body("recipients", hasSize(2))
                .body("coupleId", equalTo(couple));
        as(bob).get("/v1/me/reminders").then().body("items.kind", Matchers.hasItem("CHECK_IN"));
        Person carol = TestUsers.create("Carol");
        as(carol).get("/v1/couples/" + couple + "/reminders").then().statusCode(404);
        as(carol).body(body).post("/v1/couples/" + couple + "/reminders").then().statusCode(404);
        body.put("recipients", List.of(carol.id()));
        as(alice).body(body).post("/v1/couples/" + couple + "/reminders").then().statusCode(400);

        // When the relationship ends, its reminders stop.
        as(alice).post(couples + "/v1/couples/" + couple + "/end").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(bob).get("/v1/me/reminders")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items")
                        .isEmpty());
    }

    @Test
    void aPersonInTwoRomanticRelationshipsHasEachOnesRemindersApart() {
        Person lia = TestUsers.create("Lia");
        Person oz = TestUsers.create("Oz");
        Person kai = TestUsers.create("Kai");
        String couples = PeerServices.url("couple-service");
        as(lia).body(Map.of("romanticRelationships", "MORE_THAN_ONE"))
                .patch(couples + "/v1/me")
                .then()
                .statusCode(200);
        String withOz = Couples.form(lia, oz);
        String withKai = Couples.form(lia, kai);

        Map<String, Object> body = daily("21:00");
        body.put("kind", "CHECK_IN");
        as(oz).body(body)
                .post("/v1/couples/" + withOz + "/reminders")
                .then()
                .statusCode(201)
                .body("recipients", hasSize(2));
        // Each partner reaches their own relationship's reminders only.
        as(kai).get("/v1/couples/" + withOz + "/reminders").then().statusCode(404);
        as(oz).get("/v1/couples/" + withKai + "/reminders").then().statusCode(404);
        as(kai).get("/v1/me/reminders").then().body("items.coupleId", not(hasItem(withOz)));
        as(lia).get("/v1/me/reminders").then().body("items.coupleId", hasItems(withOz, withKai));

        // One relationship ending stops its reminders alone.
        as(oz).post(couples + "/v1/couples/" + withOz + "/end").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !as(lia).get("/v1/me/reminders")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.coupleId")
                        .contains(withOz));
        as(lia).get("/v1/couples/" + withKai + "/reminders")
                .then()
                .statusCode(200)
                .body("items.origin", hasItem("COUPLE_DEFAULT"));
    }
}
