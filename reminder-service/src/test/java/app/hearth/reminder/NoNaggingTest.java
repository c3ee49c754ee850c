package app.hearth.reminder;

import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import app.hearth.events.CoupleEvents.CheckInCadence;
import app.hearth.events.EventJson;
import app.hearth.events.EventSchemas;
import app.hearth.events.ExerciseEvents;
import app.hearth.reminder.service.Dispatcher;
import app.hearth.testsupport.TestClock;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicWriter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reminders that follow what the couple does: defaults from events, no nagging, shared moments. */
@QuarkusTest
class NoNaggingTest {

    @Inject
    Dispatcher dispatcher;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void realTime() {
        TestClock.CLOCK.reset();
    }

    /** What exercise-service publishes when a partner checks in. */
    static void checkedIn(String couple, Person who, String period, Instant at) {
        var event = TopicWriter.publish(
                ExerciseEvents.CHECK_IN_SUBMITTED,
                "/exercise-service",
                couple,
                new ExerciseEvents.CheckInSubmitted(couple, who.id(), period, CheckInCadence.WEEKLY, at));
        assertThat(EventSchemas.validate(EventJson.write(event))).isEmpty();
    }

    static void awaitSeen(Person who, String period) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(who).get("/v1/me/export")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("held.checkInsSeen.period")
                        .contains(period));
    }

    static List<Map<String, Object>> inbox(Person who) {
        return as(who).get("/v1/me/notifications?size=100")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }

    @Test
    void aNewCoupleGetsAnEditableWeeklyCheckInReminder() {
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        Couples.calendar(alice, "Europe/Berlin", "22:00", "07:00");
        Couples.calendar(bob, "Europe/Berlin", "22:00", "07:00");
        String couple = Couples.form(alice, bob);

        JsonPath reminders = as(bob).get("/v1/couples/" + couple + "/reminders")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(reminders.getList("items")).hasSize(1);
        assertThat(reminders.getString("items[0].kind")).isEqualTo("CHECK_IN");
        assertThat(reminders.getString("items[0].rrule")).contains("FREQ=WEEKLY", "BYDAY=SU");
        assertThat(reminders.getString("items[0].timeOfDay")).isEqualTo("19:30");
        assertThat(reminders.getList("items[0].recipients.partnerId")).containsExactlyInAnyOrder(alice.id(), bob.id());
        // Sunday 29 November, 19:30 in Berlin.
        assertThat(reminders.getList("items[0].recipients.nextFireAt")).containsOnly("2026-11-29T18:30:00Z");

        String id = reminders.getString("items[0].id");
        // Either member may change it, so a change names the version it was made on (the ETag of the reminder).
        String etag = as(alice)
                .get("/v1/me/reminders/" + id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        as(bob).body(Map.of("timeOfDay", "20:15"))
                .patch("/v1/me/reminders/" + id)
                .then()
                .statusCode(428)
                .body("type", equalTo("https://hearth.app/problems/precondition-required"));
        String changed = as(bob).header("If-Match", etag)
                .body(Map.of("timeOfDay", "20:15", "rrule", "FREQ=WEEKLY;BYDAY=SA"))
                .patch("/v1/me/reminders/" + id)
                .then()
                .statusCode(200)
                .body("timeOfDay", equalTo("20:15"))
                .body("recipients.nextFireAt", Matchers.everyItem(equalTo("2026-11-28T19:15:00Z")))
                .extract()
                .header("ETag");
        assertThat(changed).isNotEqualTo(etag);
        // Alice's change, made on what she read before Bob's, does not silently undo his.
        as(alice)
                .header("If-Match", etag)
                .body(Map.of("timeOfDay", "07:00"))
                .patch("/v1/me/reminders/" + id)
                .then()
                .statusCode(412)
                .body("type", equalTo("https://hearth.app/problems/precondition-failed"));
        as(bob).header("If-Match", changed)
                .body(Map.of("rrule", "FREQ=MINUTELY"))
                .patch("/v1/me/reminders/" + id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        as(bob).body(Map.of("colour", "red"))
                .patch("/v1/me/reminders/" + id)
                .then()
                .statusCode(400);
        as(TestUsers.create("Carol"))
                .body(Map.of("timeOfDay", "06:00"))
                .patch("/v1/me/reminders/" + id)
                .then()
                .statusCode(404);
        as(alice).get("/v1/me/reminders/" + id).then().body("timeOfDay", equalTo("20:15"));
    }

    @Test
    void aCheckInSilencesThatPeriodsReminderAndThePartnerIsNudgedOnce() {
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        Couples.calendar(alice, "Europe/Berlin", "22:00", "07:00");
        Couples.calendar(bob, "Europe/Berlin", "22:00", "07:00");
        String couple = Couples.form(alice, bob);

        checkedIn(couple, alice, "2026-W48", Instant.parse("2026-11-25T12:00:00Z"));
        awaitSeen(alice, "2026-W48");
        // Not yet: the nudge comes a while (2 h) later, gently.
        TestClock.CLOCK.set(Instant.parse("2026-11-25T13:59:00Z"));
        dispatcher.dispatchDue();
        assertThat(inbox(bob)).isEmpty();
        TestClock.CLOCK.set(Instant.parse("2026-11-25T14:00:01Z"));
        dispatcher.dispatchDue();
        checkedIn(couple, alice, "2026-W48", Instant.parse("2026-11-25T15:00:00Z")); // said again: still one nudge
        awaitSeen(alice, "2026-W48");
        TestClock.CLOCK.set(Instant.parse("2026-11-27T14:00:01Z"));
        dispatcher.dispatchDue();
        List<Map<String, Object>> bobs = inbox(bob);
        assertThat(bobs).hasSize(1);
        assertThat(bobs.get(0))
                .containsEntry("source", "PARTNER_WAITING")
                .containsEntry("kind", "CHECK_IN")
                .containsEntry("coupleId", couple);
        assertThat(inbox(alice)).as("the one who checked in is not nudged").isEmpty();

        // Sunday's check-in reminder: bob still gets it, alice already did it this week.
        TestClock.CLOCK.set(Instant.parse("2026-11-29T18:30:01Z"));
        dispatcher.dispatchDue();
        assertThat(inbox(bob))
                .extracting(n -> n.get("source"))
                .containsExactlyInAnyOrder("PARTNER_WAITING", "REMINDER");
        assertThat(inbox(alice)).isEmpty();
        as(alice)
                .get("/v1/couples/" + couple + "/reminders")
                .then()
                .body(
                        "items[0].recipients.find { it.partnerId == '" + alice.id() + "' }.nextFireAt",
                        equalTo("2026-12-06T18:30:00Z"));

        // The next week nobody has checked in: both are reminded.
        TestClock.CLOCK.set(Instant.parse("2026-12-06T18:30:01Z"));
        dispatcher.dispatchDue();
        assertThat(inbox(alice)).hasSize(1);
    }

    /** A metric's value as Prometheus scrapes it, summed over its label sets. */
    private static double metric(String name) {
        return Arrays.stream(RestAssured.given()
                        .get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString()
                        .split("\n"))
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void afterDowntimeARecurringReminderFiresOnceForItsLatestMissedOccurrenceWithinTheGrace() {
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        Person ida = TestUsers.create("Ida");
        String reminder = as(ida).body(ReminderApi.daily("20:30"))
                .post("/v1/me/reminders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // Nothing ran for four days; the service is back 30 minutes after the fifth occurrence: one notification.
        TestClock.CLOCK.set(Instant.parse("2026-11-29T20:00:00Z"));
        double missedBefore = metric("hearth_reminders_missed_total");
        double lateBefore = metric("hearth_reminders_lateness_seconds_count");
        double lateSecondsBefore = metric("hearth_reminders_lateness_seconds_sum");
        dispatcher.dispatchDue();
        dispatcher.dispatchDue();
        assertThat(inbox(ida))
                .hasSize(1)
                .first()
                .satisfies(n -> assertThat(n).containsEntry("occurrenceAt", "2026-11-29T19:30:00Z"));
        // What operators alert on: four occurrences skipped, one fired half an hour late.
        assertThat(metric("hearth_reminders_missed_total") - missedBefore).isGreaterThanOrEqualTo(4);
        assertThat(metric("hearth_reminders_lateness_seconds_count") - lateBefore)
                .isGreaterThanOrEqualTo(1);
        assertThat(metric("hearth_reminders_lateness_seconds_sum") - lateSecondsBefore)
                .isGreaterThanOrEqualTo(30 * 60);
        as(ida).get("/v1/me/reminders/" + reminder)
                .then()
                .body("recipients[0].nextFireAt", equalTo("2026-11-30T19:30:00Z"));
        // Down again, back 3.5 hours after an occurrence (past the 2-hour grace): it is skipped, not delivered late.
        TestClock.CLOCK.set(Instant.parse("2026-12-02T23:00:00Z"));
        dispatcher.dispatchDue();
        assertThat(inbox(ida)).hasSize(1);
        as(ida).get("/v1/me/reminders/" + reminder)
                .then()
                .body("recipients[0].nextFireAt", equalTo("2026-12-03T19:30:00Z"));
        TestClock.CLOCK.set(Instant.parse("2026-12-03T19:30:01Z"));
        dispatcher.dispatchDue();
        assertThat(inbox(ida)).hasSize(2);
    }

    @Test
    void aPartnerOnVacationIsNotNudged() {
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        Person gus = TestUsers.create("Gus");
        Person hal = TestUsers.create("Hal");
        Couples.calendar(gus, "Europe/Berlin", "23:00", "07:00");
        Couples.calendar(hal, "Europe/Berlin", "23:00", "07:00");
        String couple = Couples.form(gus, hal);
        as(hal).body(Map.of("until", "2026-11-30"))
                .post("/v1/me/reminders/pause")
                .then()
                .statusCode(200);
        checkedIn(couple, gus, "2026-W48", Instant.parse("2026-11-25T12:00:00Z"));
        awaitSeen(gus, "2026-W48");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T14:00:01Z"));
        dispatcher.dispatchDue();
        TestClock.CLOCK.set(Instant.parse("2026-11-27T14:00:01Z"));
        dispatcher.dispatchDue();
        assertThat(inbox(hal)).as("on vacation: no 'your partner is waiting'").isEmpty();
    }

    @Test
    void aNudgeWaitsOutQuietHoursAndCanBeTurnedOff() {
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        Person erin = TestUsers.create("Erin");
        Person finn = TestUsers.create("Finn");
        Couples.calendar(erin, "Europe/Berlin", "23:00", "07:00");
        Couples.calendar(finn, "Europe/Berlin", "22:00", "07:00");
        String couple = Couples.form(erin, finn);

        // Erin checks in at 21:30 in Berlin; two hours later Finn is in his quiet hours, so the nudge waits for 07:00.
        checkedIn(couple, erin, "2026-W48", Instant.parse("2026-11-25T20:30:00Z"));
        awaitSeen(erin, "2026-W48");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T22:31:00Z"));
        dispatcher.dispatchDue();
        assertThat(inbox(finn)).isEmpty();
        TestClock.CLOCK.set(Instant.parse("2026-11-26T06:00:01Z"));
        dispatcher.dispatchDue();
        assertThat(inbox(finn)).hasSize(1);

        as(finn).get("/v1/me/reminder-settings").then().statusCode(200).body("partnerWaitingNudge", equalTo(true));
        as(finn).body(Map.of("partnerWaitingNudge", false))
                .put("/v1/me/reminder-settings")
                .then()
                .statusCode(200)
                .body("partnerWaitingNudge", equalTo(false));
        as(finn).body(Map.of("partnerWaitingNudge", "sometimes"))
                .put("/v1/me/reminder-settings")
                .then()
                .statusCode(400);
        checkedIn(couple, erin, "2026-W49", Instant.parse("2026-12-01T12:00:00Z"));
        awaitSeen(erin, "2026-W49");
        TestClock.CLOCK.set(Instant.parse("2026-12-01T18:00:00Z"));
        dispatcher.dispatchDue();
        assertThat(inbox(finn).stream().filter(n -> "PARTNER_WAITING".equals(n.get("source"))))
                .as("turned off")
                .hasSize(1);
        as(finn).get("/v1/me/export")
                .then()
                .body("held.settings.partnerWaitingNudge", equalTo(false))
                .body("held.partnerWaitingNudges", hasSize(1));
    }

    @Test
    void startingTheDetoxPlanSetsOneReminderPerDayForBoth() {
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        Person gus = TestUsers.create("Gus");
        Person hana = TestUsers.create("Hana");
        Couples.calendar(gus, "Europe/Lisbon", "23:00", "07:00");
        Couples.calendar(hana, "Europe/Lisbon", "23:00", "07:00");
        String couple = Couples.form(gus, hana);
        for (int i = 0; i < 2; i++) { // a restart of the plan replaces its reminders
            TopicWriter.publish(
                    ExerciseEvents.SESSION_STARTED,
                    "/exercise-service",
                    couple,
                    new ExerciseEvents.SessionStarted(
                            couple,
                            UUID.randomUUID().toString(),
                            "digital-detox-7-day",
                            "PLAN",
                            "BEGINNER",
                            List.of("SAFETY", "INTERDEPENDENCE"),
                            gus.id(),
                            Instant.parse("2026-11-25T11:00:00Z")));
        }
        var other = TopicWriter.publish(
                ExerciseEvents.SESSION_STARTED,
                "/exercise-service",
                couple,
                new ExerciseEvents.SessionStarted(
                        couple,
                        UUID.randomUUID().toString(),
                        "love-maps",
                        "CONVERSATION",
                        "BEGINNER",
                        List.of("SAFETY"),
                        gus.id(),
                        Instant.parse("2026-11-25T11:05:00Z")));
        // Same key, same partition: once the last one is applied, so are the two before it.
        await().atMost(Duration.ofSeconds(15)).until(() -> applied(other.id()));
        JsonPath plan = as(hana).get("/v1/couples/" + couple + "/reminders")
                .then()
                .extract()
                .jsonPath();
        assertThat(plan.getList("items.origin")).containsExactlyInAnyOrder("COUPLE_DEFAULT", "DETOX_PLAN");
        Map<String, Object> detox = plan.<Map<String, Object>>getList("items").stream()
                .filter(r -> "DETOX_PLAN".equals(r.get("origin")))
                .findFirst()
                .orElseThrow();
        assertThat(detox)
                .containsEntry("kind", "PLAN_DAY")
                .containsEntry("exerciseSlug", "digital-detox-7-day")
                .containsEntry("startDate", "2026-11-25")
                .containsEntry("timeOfDay", "18:00");
        assertThat((String) detox.get("rrule")).contains("FREQ=DAILY", "COUNT=7");

        // Seven evenings, then the series ends.
        for (int day = 0; day < 8; day++) {
            TestClock.CLOCK.set(Instant.parse("2026-11-25T18:00:01Z").plus(Duration.ofDays(day)));
            dispatcher.dispatchDue();
        }
        assertThat(inbox(hana).stream().filter(n -> "PLAN_DAY".equals(n.get("kind"))))
                .hasSize(7);
    }

    private boolean applied(UUID eventId) throws SQLException {
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("select count(*) from inbox_event where event_id = ?")) {
            s.setObject(1, eventId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    @Test
    void aSharedMomentFiresWhenBothAreAwake() {
        TestClock.CLOCK.set(Instant.parse("2026-11-25T05:00:00Z"));
        Person aiko = TestUsers.create("Aiko");
        Person lee = TestUsers.create("Lee");
        Couples.calendar(aiko, "Asia/Tokyo", "22:00", "07:00");
        Couples.calendar(lee, "America/Los_Angeles", "22:00", "07:00");
        String couple = Couples.form(aiko, lee);

        // 20:00 in Tokyo is 03:00 in Los Angeles: the moment moves to the next time both are awake for an hour,
        // 07:00 in Tokyo / 14:00 in Los Angeles, the same instant for both.
        Map<String, Object> body = Map.of(
                "kind",
                "RITUAL",
                "title",
                "Call and share one good thing",
                "rrule",
                "FREQ=DAILY",
                "timeOfDay",
                "20:00",
                "sharedMomentMinutes",
                60,
                "startDate",
                "2026-11-20");
        as(aiko).body(body)
                .post("/v1/couples/" + couple + "/reminders")
                .then()
                .statusCode(201)
                .body("sharedMomentMinutes", equalTo(60))
                .body("recipients", hasSize(2))
                .body("recipients.nextOccurrenceAt", Matchers.everyItem(equalTo("2026-11-25T11:00:00Z")))
                .body("recipients.nextFireAt", Matchers.everyItem(equalTo("2026-11-25T22:00:00Z")));
        as(aiko).body(Map.of(
                        "kind",
                        "RITUAL",
                        "title",
                        "x",
                        "rrule",
                        "FREQ=DAILY",
                        "timeOfDay",
                        "20:00",
                        "sharedMomentMinutes",
                        60))
                .post("/v1/me/reminders")
                .then()
                .statusCode(400);
        as(aiko).body(Map.of(
                        "kind",
                        "RITUAL",
                        "title",
                        "x",
                        "rrule",
                        "FREQ=DAILY",
                        "timeOfDay",
                        "20:00",
                        "sharedMomentMinutes",
                        5))
                .post("/v1/couples/" + couple + "/reminders")
                .then()
                .statusCode(400);
    }
}
