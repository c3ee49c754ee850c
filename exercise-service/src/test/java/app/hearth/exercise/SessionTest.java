package app.hearth.exercise;

import app.hearth.events.EventJson;
import app.hearth.events.EventSchemas;
import app.hearth.events.Topics;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static app.hearth.exercise.CheckInTest.as;
import static app.hearth.exercise.CheckInTest.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class SessionTest {

    @AfterEach
    void realTime() {
        TestClock.CLOCK.reset();
    }

    private static String start(Person who, String couple, Map<String, Object> body) {
        return as(who).body(body).post("/v1/couples/" + couple + "/sessions").then().statusCode(201).extract().path("id");
    }

    private static void rateBoth(Person a, Person b, String couple, String session) {
        as(a).body(Map.of("feltConnected", 4, "feltSafe", 5)).post("/v1/couples/" + couple + "/sessions/" + session + "/rating").then().statusCode(200);
        as(b).body(Map.of("feltConnected", 5, "feltSafe", 4)).post("/v1/couples/" + couple + "/sessions/" + session + "/rating").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
    }

    @Test
    void aFullSessionRevealsAnswersOnlyWhenBothAnsweredAndKeepsNotesPrivate() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        String aliceNote = "alice-note-" + System.nanoTime();
        String bobNote = "bob-note-" + System.nanoTime();
        try (TopicReader events = new TopicReader(Topics.EXERCISE_EVENTS)) {
            String session = start(alice, couple, Map.of("exerciseSlug", "radical-vulnerability", "level", "BEGINNER"));
            String base = "/v1/couples/" + couple + "/sessions/" + session;
            as(bob).get(base).then().statusCode(200).body("prompts", hasItem(containsString("smile")))
                    .body("steps[2].timing", equalTo("5 minutes each, no interruptions"));

            as(alice).body(Map.of("response", "I was scared of the new job", "privateNote", aliceNote))
                    .post(base + "/steps/3/responses").then().statusCode(200).body("steps[2].mine.privateNote", equalTo(aliceNote));
            String bobBefore = as(bob).get(base).then().body("steps[2].partnerAnswered", equalTo(true))
                    .body("steps[2].partner", nullValue()).extract().asString();
            assertThat(bobBefore).doesNotContain("new job", aliceNote);

            String bobAfter = as(bob).body(Map.of("response", "I felt proud of you", "privateNote", bobNote))
                    .post(base + "/steps/3/responses").then().statusCode(200)
                    .body("steps[2].partner.response", equalTo("I was scared of the new job")).extract().asString();
            assertThat(bobAfter).doesNotContain(aliceNote);
            String aliceAfter = as(alice).get(base).then().body("steps[2].partner.response", equalTo("I felt proud of you"))
                    .extract().asString();
            assertThat(aliceAfter).doesNotContain(bobNote);

            as(alice).body(Map.of("response", "again")).post(base + "/steps/3/responses").then().statusCode(409);
            as(alice).body(Map.of("response", "nothing to say")).post(base + "/steps/1/responses").then().statusCode(409)
                    .body("type", containsString("step-without-answer"));
            as(alice).body(Map.of("response", "You were scared of the job")).post(base + "/steps/4/responses").then().statusCode(200);
            as(bob).body(Map.of("response", "You felt proud")).post(base + "/steps/4/responses").then().statusCode(200);

            as(alice).body(Map.of("feltConnected", 4, "feltSafe", 5)).post(base + "/rating").then().statusCode(200)
                    .body("status", equalTo("ACTIVE"));
            as(bob).body(Map.of("feltConnected", 5, "feltSafe", 4)).post(base + "/rating").then().statusCode(200)
                    .body("status", equalTo("COMPLETED")).body("partnerRated", equalTo(true));

            List<ConsumerRecord<String, String>> emitted = events.await(r -> couple.equals(r.key()), 2, Duration.ofSeconds(10));
            assertThat(emitted.stream().map(r -> EventJson.read(r.value()).type()))
                    .containsExactly("hearth.exercise.session-started.v1", "hearth.exercise.exercise-completed.v1");
            for (ConsumerRecord<String, String> record : emitted) {
                assertThat(EventSchemas.validate(record.value())).as(record.value()).isEmpty();
                assertThat(record.value()).doesNotContain(aliceNote, bobNote, "new job", "proud");
            }
            assertThat(emitted.get(1).value()).doesNotContain("feltConnected");
            assertThat(app.hearth.testsupport.TestKeyring.read().open(emitted.get(1).value()).data().toString())
                    .contains("\"feltConnected\":4", "\"feltSafe\":4");
        }
        as(alice).get("/v1/me/export").then().body("sessionAnswers.privateNote", hasItem(aliceNote));
    }

    @Test
    void thePauseWordPausesForBothAndResumingWaitsForTheCoolDownAndBothPartners() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        Instant t0 = Instant.now();
        TestClock.CLOCK.set(t0);
        try (TopicReader events = new TopicReader(Topics.EXERCISE_EVENTS)) {
            String session = start(alice, couple, Map.of("exerciseSlug", "conflict-check-in", "level", "BEGINNER"));
            String base = "/v1/couples/" + couple + "/sessions/" + session;
            as(bob).body(Map.of("pauseWord", "pineapple")).post(base + "/pause").then().statusCode(200)
                    .body("status", equalTo("PAUSED")).body("pause.pauseWordSaid", equalTo(true));
            as(alice).get(base).then().body("status", equalTo("PAUSED"));
            as(alice).body(Map.of("response", "still going")).post(base + "/steps/2/responses").then().statusCode(409)
                    .body("type", containsString("session-paused"));

            as(alice).post(base + "/resume").then().statusCode(409).body("type", containsString("cooling-down"))
                    .header("Retry-After", matchesPattern("\\d+"));
            TestClock.CLOCK.set(t0.plus(Duration.ofMinutes(21)));
            as(alice).get(base).then().body("pause.readyToResume", hasItem(alice.id()));
            as(bob).post(base + "/resume").then().statusCode(200).body("status", equalTo("ACTIVE"));

            List<ConsumerRecord<String, String>> emitted = events.await(r -> couple.equals(r.key()), 3, Duration.ofSeconds(10));
            assertThat(emitted.stream().map(r -> EventJson.read(r.value()).type())).containsExactly(
                    "hearth.exercise.session-started.v1", "hearth.exercise.session-paused.v1", "hearth.exercise.session-resumed.v1");
            emitted.forEach(r -> assertThat(EventSchemas.validate(r.value())).isEmpty());
            assertThat(emitted.get(1).value()).doesNotContain("pineapple");
        }
    }

    @Test
    void advancedExercisesArePaced() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "FRIENDSHIP");
        String sessions = "/v1/couples/" + couple + "/sessions";
        Instant t0 = Instant.now();
        TestClock.CLOCK.set(t0);

        as(alice).body(Map.of("exerciseSlug", "shared-discomfort-physical")).post(sessions).then().statusCode(409)
                .body("type", containsString("advanced-without-foundation")).body("detail", containsString("acknowledgeAdvanced"));
        String first = start(alice, couple, Map.of("exerciseSlug", "shared-discomfort-physical", "acknowledgeAdvanced", true));
        as(bob).body(Map.of("exerciseSlug", "booster-gratitude-exchange")).post(sessions).then().statusCode(409)
                .body("type", containsString("session-open"));
        rateBoth(alice, bob, couple, first);
        String second = start(bob, couple, Map.of("exerciseSlug", "radical-vulnerability", "level", "ADVANCED", "acknowledgeAdvanced", true));
        rateBoth(alice, bob, couple, second);
        as(alice).body(Map.of("exerciseSlug", "shared-discomfort-physical", "acknowledgeAdvanced", true)).post(sessions).then()
                .statusCode(409).body("type", containsString("pacing-limit")).body("detail", containsString("beginner"));
        // Gentler exercises are always possible, and a week later advanced ones are again.
        String gentle = start(alice, couple, Map.of("exerciseSlug", "booster-gratitude-exchange"));
        rateBoth(alice, bob, couple, gentle);
        TestClock.CLOCK.set(t0.plus(Duration.ofDays(8)));
        start(alice, couple, Map.of("exerciseSlug", "shared-discomfort-physical", "acknowledgeAdvanced", true));
    }

    @Test
    void theDetoxPlanSpansSevenDaysCheckedOffByEitherPartner() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        try (TopicReader events = new TopicReader(Topics.EXERCISE_EVENTS)) {
            String plan = start(alice, couple, Map.of("exerciseSlug", "digital-detox-7-day"));
            String base = "/v1/couples/" + couple + "/sessions/" + plan;
            for (int day = 1; day <= 7; day++) {
                Person who = day % 2 == 0 ? bob : alice;
                as(who).post(base + "/days/" + day + "/complete").then().statusCode(200);
                as(who).post(base + "/days/" + day + "/complete").then().statusCode(day == 7 ? 409 : 200);
            }
            as(alice).get(base).then().body("status", equalTo("COMPLETED")).body("steps[6].completedAt", org.hamcrest.Matchers.notNullValue());
            List<ConsumerRecord<String, String>> emitted = events.await(r -> couple.equals(r.key()), 9, Duration.ofSeconds(10));
            assertThat(emitted.stream().map(r -> EventJson.read(r.value()).type()).filter(t -> t.endsWith("plan-day-completed.v1"))).hasSize(7);
            assertThat(EventJson.read(emitted.get(8).value()).type()).isEqualTo("hearth.exercise.exercise-completed.v1");
            emitted.forEach(r -> assertThat(EventSchemas.validate(r.value())).isEmpty());
        }
        as(alice).post("/v1/couples/" + couple + "/sessions/" + java.util.UUID.randomUUID() + "/days/1/complete").then().statusCode(404);
    }

    @Test
    void aCompletedSelfAssessmentIsAnnouncedWithoutItsAnswers() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "FAMILY");
        try (TopicReader events = new TopicReader(Topics.EXERCISE_EVENTS)) {
            String session = start(alice, couple, Map.of("exerciseSlug", "emotional-availability-self-assessment"));
            String base = "/v1/couples/" + couple + "/sessions/" + session;
            for (int question = 1; question <= 4; question++) {
                as(alice).body(Map.of("response", "mostly, answer " + question)).post(base + "/steps/" + question + "/responses").then().statusCode(200);
                as(bob).body(Map.of("response", "not yet, answer " + question)).post(base + "/steps/" + question + "/responses").then().statusCode(200);
            }
            rateBoth(alice, bob, couple, session);
            List<ConsumerRecord<String, String>> emitted = events.await(r -> couple.equals(r.key()), 3, Duration.ofSeconds(10));
            assertThat(emitted.stream().map(r -> EventJson.read(r.value()).type())).containsExactly(
                    "hearth.exercise.session-started.v1", "hearth.exercise.exercise-completed.v1",
                    "hearth.exercise.assessment-completed.v1");
            emitted.forEach(r -> {
                assertThat(EventSchemas.validate(r.value())).isEmpty();
                assertThat(r.value()).doesNotContain("answer");
            });
        }
    }

    @Test
    void exercisesNotMeantForTheRelationshipAreRefused() {
        Person a = TestUsers.create("Sam");
        String couple = pair(a, TestUsers.create("Kim"), "FRIENDSHIP");
        as(a).body(Map.of("exerciseSlug", "booster-silent-hand-holding")).post("/v1/couples/" + couple + "/sessions").then()
                .statusCode(409).body("type", containsString("not-suited"));
        as(a).body(Map.of("exerciseSlug", "no-such-thing")).post("/v1/couples/" + couple + "/sessions").then().statusCode(404);
        as(a).body(Map.of("exerciseSlug", "silent-walk", "level", "EXPERT")).post("/v1/couples/" + couple + "/sessions").then()
                .statusCode(400).body("detail", containsString("ADVANCED"));
    }

    @Test
    void nonMembersGetNotFoundOnEverySessionEndpoint() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        String session = start(alice, couple, Map.of("exerciseSlug", "reflecting-back-feelings"));
        String base = "/v1/couples/" + couple + "/sessions";
        Person carol = TestUsers.create("Carol");
        as(carol).get(base).then().statusCode(404).contentType("application/problem+json");
        as(carol).get(base + "/" + session).then().statusCode(404);
        as(carol).body(Map.of("exerciseSlug", "silent-walk")).post(base).then().statusCode(404);
        as(carol).body(Map.of("response", "hi")).post(base + "/" + session + "/steps/1/responses").then().statusCode(404);
        as(carol).post(base + "/" + session + "/pause").then().statusCode(404);
        as(carol).post(base + "/" + session + "/resume").then().statusCode(404);
        as(carol).body(Map.of("feltConnected", 1, "feltSafe", 1)).post(base + "/" + session + "/rating").then().statusCode(404);
        as(carol).post(base + "/" + session + "/days/1/complete").then().statusCode(404);
        as(alice).get(base + "/" + session).then().body("status", equalTo("ACTIVE"));
        // A member of another couple cannot reach this session through their own couple either.
        Person dan = TestUsers.create("Dan");
        String other = pair(carol, dan, "FRIENDSHIP");
        as(carol).get("/v1/couples/" + other + "/sessions/" + session).then().statusCode(404);
        as(carol).post("/v1/couples/" + other + "/sessions/" + session + "/pause").then().statusCode(404);
    }
}
