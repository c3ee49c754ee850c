package app.hearth.exercise;

import static app.hearth.exercise.ExerciseApi.pair;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import app.hearth.events.EventJson;
import app.hearth.events.EventSchemas;
import app.hearth.events.Topics;
import app.hearth.exercise.service.SessionEndings;
import app.hearth.membership.CoupleView;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestClock;
import app.hearth.testsupport.TestKeyring;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionTest {

    @AfterEach
    void realTime() {
        TestClock.CLOCK.reset();
    }

    private static String start(Person who, String couple, Map<String, Object> body) {
        return as(who).body(body)
                .post("/v1/couples/" + couple + "/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void rateBoth(Person a, Person b, String couple, String session) {
        as(a).body(Map.of("feltConnected", 4, "feltSafe", 5))
                .post("/v1/couples/" + couple + "/sessions/" + session + "/rating")
                .then()
                .statusCode(200);
        as(b).body(Map.of("feltConnected", 5, "feltSafe", 4))
                .post("/v1/couples/" + couple + "/sessions/" + session + "/rating")
                .then()
                .statusCode(200)
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
            as(bob).get(base)
                    .then()
                    .statusCode(200)
                    .body("prompts.text", hasItem(containsString("smile")))
                    .body("steps[2].timing", equalTo("5 minutes each, no interruptions"));

            as(alice)
                    .body(Map.of("response", "I was scared of the new job", "privateNote", aliceNote))
                    .post(base + "/steps/3/responses")
                    .then()
                    .statusCode(200)
                    .body("steps[2].mine.privateNote", equalTo(aliceNote));
            String bobBefore = as(bob).get(base)
                    .then()
                    .body("steps[2].partnerAnswered", equalTo(true))
                    .body("steps[2].partner", nullValue())
                    .extract()
                    .asString();
            assertThat(bobBefore).doesNotContain("new job", aliceNote);

            String bobAfter = as(bob).body(Map.of("response", "I felt proud of you", "privateNote", bobNote))
                    .post(base + "/steps/3/responses")
                    .then()
                    .statusCode(200)
                    .body("steps[2].partner.response", equalTo("I was scared of the new job"))
                    .extract()
                    .asString();
            assertThat(bobAfter).doesNotContain(aliceNote);
            String aliceAfter = as(alice)
                    .get(base)
                    .then()
                    .body("steps[2].partner.response", equalTo("I felt proud of you"))
                    .extract()
                    .asString();
            assertThat(aliceAfter).doesNotContain(bobNote);

            as(alice)
                    .body(Map.of("response", "again"))
                    .post(base + "/steps/3/responses")
                    .then()
                    .statusCode(409);
            as(alice)
                    .body(Map.of("response", "nothing to say"))
                    .post(base + "/steps/1/responses")
                    .then()
                    .statusCode(409)
                    .body("type", containsString("step-without-answer"));
            as(alice)
                    .body(Map.of("response", "You were scared of the job"))
                    .post(base + "/steps/4/responses")
                    .then()
                    .statusCode(200);
            as(bob).body(Map.of("response", "You felt proud"))
                    .post(base + "/steps/4/responses")
                    .then()
                    .statusCode(200);

            as(alice)
                    .body(Map.of("feltConnected", 4, "feltSafe", 5))
                    .post(base + "/rating")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("ACTIVE"));
            as(bob).body(Map.of("feltConnected", 5, "feltSafe", 4))
                    .post(base + "/rating")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("COMPLETED"))
                    .body("partnerRated", equalTo(true));

            List<ConsumerRecord<String, String>> emitted =
                    events.await(r -> couple.equals(r.key()), 2, Duration.ofSeconds(10));
            assertThat(emitted.stream().map(r -> EventJson.read(r.value()).type()))
                    .containsExactly("hearth.exercise.session-started.v1", "hearth.exercise.exercise-completed.v1");
            for (ConsumerRecord<String, String> record : emitted) {
                assertThat(EventSchemas.validate(record.value()))
                        .as(record.value())
                        .isEmpty();
                assertThat(record.value()).doesNotContain(aliceNote, bobNote, "new job", "proud");
            }
            assertThat(emitted.get(1).value()).doesNotContain("feltConnected");
            assertThat(TestKeyring.read().open(emitted.get(1).value()).data().toString())
                    .contains("\"feltConnected\":4", "\"feltSafe\":4");
        }
        as(alice).get("/v1/me/export").then().body("held.sessionAnswers.privateNote", hasItem(aliceNote));
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
            as(bob).body(Map.of("pauseWord", "pineapple"))
                    .post(base + "/pause")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("PAUSED"))
                    .body("pause.pauseWordSaid", equalTo(true));
            as(alice).get(base).then().body("status", equalTo("PAUSED"));
            as(alice)
                    .body(Map.of("response", "still going"))
                    .post(base + "/steps/2/responses")
                    .then()
                    .statusCode(409)
                    .body("type", containsString("session-paused"));

            as(alice)
                    .post(base + "/resume")
                    .then()
                    .statusCode(409)
                    .body("type", containsString("cooling-down"))
                    .header("Retry-After", matchesPattern("\\d+"));
            TestClock.CLOCK.set(t0.plus(Duration.ofMinutes(21)));
            as(alice).get(base).then().body("pause.readyToResume", hasItem(alice.id()));
            as(bob).post(base + "/resume").then().statusCode(200).body("status", equalTo("ACTIVE"));

            List<ConsumerRecord<String, String>> emitted =
                    events.await(r -> couple.equals(r.key()), 3, Duration.ofSeconds(10));
            assertThat(emitted.stream().map(r -> EventJson.read(r.value()).type()))
                    .containsExactly(
                            "hearth.exercise.session-started.v1",
                            "hearth.exercise.session-paused.v1",
                            "hearth.exercise.session-resumed.v1");
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

        as(alice)
                .body(Map.of("exerciseSlug", "shared-discomfort-physical"))
                .post(sessions)
                .then()
                .statusCode(409)
                .body("type", containsString("advanced-without-foundation"))
                .body("detail", containsString("acknowledgeAdvanced"));
        String first =
                start(alice, couple, Map.of("exerciseSlug", "shared-discomfort-physical", "acknowledgeAdvanced", true));
        as(bob).body(Map.of("exerciseSlug", "booster-gratitude-exchange"))
                .post(sessions)
                .then()
                .statusCode(409)
                .body("type", containsString("session-open"));
        rateBoth(alice, bob, couple, first);
        String second = start(
                bob,
                couple,
                Map.of("exerciseSlug", "radical-vulnerability", "level", "ADVANCED", "acknowledgeAdvanced", true));
        rateBoth(alice, bob, couple, second);
        as(alice)
                .body(Map.of("exerciseSlug", "shared-discomfort-physical", "acknowledgeAdvanced", true))
                .post(sessions)
                .then()
                .statusCode(409)
                .body("type", containsString("pacing-limit"))
                .body("detail", containsString("beginner"));
        // Gentler exercises are always possible, and a week later advanced ones are again.
        String gentle = start(alice, couple, Map.of("exerciseSlug", "booster-gratitude-exchange"));
        rateBoth(alice, bob, couple, gentle);
        TestClock.CLOCK.set(t0.plus(Duration.ofDays(8)));
        start(alice, couple, Map.of("exerciseSlug", "shared-discomfort-physical", "acknowledgeAdvanced", true));
    }

    @Test
    void theDetoxPlanFollowsTheCalendarInEachPartnersZoneCheckedOffByEitherPartner() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        ExerciseApi.profile(alice, "Europe/Paris");
        ExerciseApi.profile(bob, "Pacific/Auckland");
        Instant start = Instant.parse("2026-11-23T09:00:00Z"); // Monday 10:00 in Paris, 22:00 in Auckland
        TestClock.CLOCK.set(start);
        try (TopicReader events = new TopicReader(Topics.EXERCISE_EVENTS)) {
            String plan = start(alice, couple, Map.of("exerciseSlug", "digital-detox-7-day"));
            String base = "/v1/couples/" + couple + "/sessions/" + plan;
            as(alice).post(base + "/days/1/complete").then().statusCode(200);
            // Not all seven at once: day 2 is tomorrow in Paris.
            as(alice)
                    .post(base + "/days/2/complete")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", containsString("plan-day-ahead"))
                    .body("detail", containsString("2026-11-24"))
                    .header("Retry-After", matchesPattern("\\d+"));
            as(alice).post(base + "/days/7/complete").then().statusCode(409);
            // Bob's day starts earlier: at 16:00 UTC it is already Tuesday 05:00 in Auckland (his day starts at 04:00).
            TestClock.CLOCK.set(Instant.parse("2026-11-23T16:00:00Z"));
            as(bob).post(base + "/days/2/complete").then().statusCode(200);
            as(alice).post(base + "/days/3/complete").then().statusCode(409);
            for (int day = 3; day <= 7; day++) {
                TestClock.CLOCK.set(start.plus(Duration.ofDays(day - 1)));
                Person who = day % 2 == 0 ? bob : alice;
                as(who).post(base + "/days/" + day + "/complete").then().statusCode(200);
                as(who).post(base + "/days/" + day + "/complete").then().statusCode(day == 7 ? 409 : 200);
            }
            as(alice)
                    .get(base)
                    .then()
                    .body("status", equalTo("COMPLETED"))
                    .body("steps[6].completedAt", Matchers.notNullValue());
            List<ConsumerRecord<String, String>> emitted =
                    events.await(r -> couple.equals(r.key()), 9, Duration.ofSeconds(10));
            assertThat(emitted.stream()
                            .map(r -> EventJson.read(r.value()).type())
                            .filter(t -> t.endsWith("plan-day-completed.v1")))
                    .hasSize(7);
            assertThat(EventJson.read(emitted.get(8).value()).type())
                    .isEqualTo("hearth.exercise.exercise-completed.v1");
            emitted.forEach(r -> assertThat(EventSchemas.validate(r.value())).isEmpty());
        }
        as(alice)
                .post("/v1/couples/" + couple + "/sessions/" + UUID.randomUUID() + "/days/1/complete")
                .then()
                .statusCode(404);
    }

    @Test
    void pacingCountsTheExerciseAtItsCatalogueLevelWhateverPromptsAreAskedFor() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        String sessions = "/v1/couples/" + couple + "/sessions";
        Instant t0 = Instant.now();
        TestClock.CLOCK.set(t0);

        // shared-discomfort-physical is ADVANCED in the catalogue: gentler prompts do not make it gentle work.
        for (String level : List.of("BEGINNER", "INTERMEDIATE", "ADVANCED")) {
            as(alice)
                    .body(Map.of("exerciseSlug", "shared-discomfort-physical", "level", level))
                    .post(sessions)
                    .then()
                    .statusCode(409)
                    .body("type", containsString("advanced-without-foundation"));
        }
        as(alice)
                .body(Map.of("exerciseSlug", "shared-discomfort-physical", "level", "beginner"))
                .post(sessions)
                .then()
                .statusCode(400);
        as(alice)
                .body(Map.of("exerciseSlug", "shared-discomfort-physical", "acknowledgeAdvanced", "yes"))
                .post(sessions)
                .then()
                .statusCode(400);
        String first = start(
                alice,
                couple,
                Map.of("exerciseSlug", "shared-discomfort-physical", "level", "BEGINNER", "acknowledgeAdvanced", true));
        as(alice)
                .get(sessions + "/" + first)
                .then()
                .body("level", equalTo("BEGINNER"))
                .body("pacingLevel", equalTo("ADVANCED"));
        rateBoth(alice, bob, couple, first);
        // Advanced prompts on an intermediate exercise are advanced work too.
        String second = start(
                bob,
                couple,
                Map.of("exerciseSlug", "radical-vulnerability", "level", "ADVANCED", "acknowledgeAdvanced", true));
        as(bob).get(sessions + "/" + second).then().body("pacingLevel", equalTo("ADVANCED"));
        as(bob).body(Map.of()).post(sessions + "/" + second + "/end").then().statusCode(200);
        // Two advanced starts this week: the third is refused at any prompt level, and ending one gave nothing back.
        for (String level : List.of("BEGINNER", "INTERMEDIATE", "ADVANCED")) {
            as(alice)
                    .body(Map.of(
                            "exerciseSlug", "shared-discomfort-physical", "level", level, "acknowledgeAdvanced", true))
                    .post(sessions)
                    .then()
                    .statusCode(409)
                    .body("type", containsString("pacing-limit"));
        }
        // A week later: doing an advanced exercise with beginner prompts did not lay a foundation in its layers.
        TestClock.CLOCK.set(t0.plus(Duration.ofDays(8)));
        as(alice)
                .body(Map.of("exerciseSlug", "shared-discomfort-physical", "level", "BEGINNER"))
                .post(sessions)
                .then()
                .statusCode(409)
                .body("type", containsString("advanced-without-foundation"));
    }

    @Test
    void eitherPartnerEndsASessionAndNeitherAPausedNorALeftSessionBlocksTheNext() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        String sessions = "/v1/couples/" + couple + "/sessions";
        Instant t0 = Instant.now();
        TestClock.CLOCK.set(t0);
        try (TopicReader events = new TopicReader(Topics.EXERCISE_EVENTS)) {
            String paused = start(alice, couple, Map.of("exerciseSlug", "conflict-check-in"));
            // Pausing is never gated: twice in a row is fine and counts once.
            as(bob).post(sessions + "/" + paused + "/pause")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("PAUSED"));
            as(alice)
                    .body(Map.of("pauseWord", "pineapple"))
                    .post(sessions + "/" + paused + "/pause")
                    .then()
                    .statusCode(200)
                    .body("pause.pauseWordSaid", equalTo(true));
            // A paused session does not stand in the way.
            String active = start(bob, couple, Map.of("exerciseSlug", "booster-gratitude-exchange"));
            as(alice)
                    .body(Map.of("exerciseSlug", "conflict-check-in"))
                    .post(sessions)
                    .then()
                    .statusCode(409)
                    .body("type", containsString("session-open"))
                    .body("detail", containsString("/end"));
            // Alice ends the session Bob started, saying why; the next one can start at once.
            as(alice)
                    .body(Map.of("reason", "Not tonight, we are both tired"))
                    .post(sessions + "/" + active + "/end")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("ENDED"))
                    .body("ended.endedBy", equalTo(alice.id()))
                    .body("ended.reason", equalTo("Not tonight, we are both tired"));
            as(bob).get(sessions + "/" + active).then().body("ended.reason", equalTo("Not tonight, we are both tired"));
            as(bob).post(sessions + "/" + active + "/end")
                    .then()
                    .statusCode(409)
                    .body("type", containsString("session-closed"));
            as(bob).body(Map.of("response", "late"))
                    .post(sessions + "/" + active + "/steps/2/responses")
                    .then()
                    .statusCode(409);
            as(bob).post(sessions + "/" + active + "/pause").then().statusCode(409);
            as(alice)
                    .body(Map.of("reason", "x".repeat(301)))
                    .post(sessions + "/" + paused + "/end")
                    .then()
                    .statusCode(400);
            String left = start(alice, couple, Map.of("exerciseSlug", "booster-gratitude-exchange"));

            // A day untouched, an active session no longer blocks; a week untouched, paused and left ones lapse.
            TestClock.CLOCK.set(t0.plus(Duration.ofHours(25)));
            String next = start(bob, couple, Map.of("exerciseSlug", "conflict-check-in"));
            TestClock.CLOCK.set(t0.plus(Duration.ofDays(8)));
            as(alice).body(Map.of("response", "still here")).post(sessions + "/" + next + "/steps/2/responses");
            assertThat(sessionsService.lapseUntouched()).isGreaterThanOrEqualTo(2); // other tests' sessions lapse too
            as(alice)
                    .get(sessions + "/" + paused)
                    .then()
                    .body("status", equalTo("LAPSED"))
                    .body("ended.endedAt", Matchers.notNullValue());
            as(alice).get(sessions + "/" + left).then().body("status", equalTo("LAPSED"));
            as(alice).get(sessions + "/" + next).then().body("status", equalTo("ACTIVE"));

            List<ConsumerRecord<String, String>> ended = events.await(
                    r -> couple.equals(r.key()) && r.value().contains("session-ended"), 3, Duration.ofSeconds(10));
            assertThat(ended.stream()
                            .map(r -> EventJson.read(r.value())
                                    .data()
                                    .get("outcome")
                                    .asText()))
                    .containsExactlyInAnyOrder("ENDED", "LAPSED", "LAPSED");
            ended.forEach(r -> assertThat(EventSchemas.validate(r.value())).isEmpty());
            ended.forEach(r -> assertThat(r.value()).doesNotContain("tired"));
            assertThat(ended.stream()
                            .filter(r -> r.value().contains(paused))
                            .findFirst()
                            .orElseThrow()
                            .value())
                    .contains("\"pauseCount\":1");
        }
    }

    @Test
    void intenseExercisesShowTheCouplesPauseWord() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        String sessions = "/v1/couples/" + couple + "/sessions";
        as(alice)
                .header("If-Match", "*")
                .body(Map.of("pauseWord", "pineapple"))
                .patch(PeerServices.url("couple-service") + "/v1/couples/" + couple)
                .then()
                .statusCode(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> {
                    CoupleView view = CoupleView.findById(UUID.fromString(couple));
                    return view != null && view.pauseWordAgreed;
                }));
        String gentle = start(alice, couple, Map.of("exerciseSlug", "booster-gratitude-exchange"));
        as(bob).get(sessions + "/" + gentle).then().body("safety", nullValue());
        as(bob).body(Map.of()).post(sessions + "/" + gentle + "/end").then().statusCode(200);
        String intense = start(bob, couple, Map.of("exerciseSlug", "radical-vulnerability", "level", "BEGINNER"));
        as(alice)
                .get(sessions + "/" + intense)
                .then()
                .body("safety.pauseWord", equalTo("pineapple"))
                .body("safety.reminder", containsString("pineapple"));
        as(bob).get(sessions)
                .then()
                .body("items.find { it.id == '" + intense + "' }.safety.pauseWord", equalTo("pineapple"));
    }

    @Test
    void listingSessionsPagesAndTakesTheSameQueriesForOneOrManySessions() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String few = pair(alice, bob, "ROMANTIC");
        Person carol = TestUsers.create("Carol");
        Person dan = TestUsers.create("Dan");
        String many = pair(carol, dan, "FRIENDSHIP");
        start(alice, few, Map.of("exerciseSlug", "booster-gratitude-exchange"));
        for (int i = 0; i < 6; i++) {
            String s = start(
                    carol,
                    many,
                    Map.of("exerciseSlug", i % 2 == 0 ? "booster-gratitude-exchange" : "conflict-check-in"));
            as(carol)
                    .body(Map.of("response", "answer " + i))
                    .post("/v1/couples/" + many + "/sessions/" + s + "/steps/2/responses");
            as(dan).body(Map.of())
                    .post("/v1/couples/" + many + "/sessions/" + s + "/end")
                    .then()
                    .statusCode(200);
        }
        as(carol)
                .get("/v1/couples/" + many + "/sessions?size=4")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(4));
        as(carol)
                .get("/v1/couples/" + many + "/sessions?size=4&page=1")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2));
        as(carol).get("/v1/couples/" + many + "/sessions?size=0").then().statusCode(400);
        as(carol).get("/v1/couples/" + many + "/sessions?size=101").then().statusCode(400);

        // Statements are counted across the whole service (the outbox relay polls too), so take the fewest of a few
        // tries.
        long forOne = IntStream.range(0, 5)
                .mapToLong(i -> statementsFor(alice, few))
                .min()
                .orElseThrow();
        long forSix = IntStream.range(0, 5)
                .mapToLong(i -> statementsFor(carol, many))
                .min()
                .orElseThrow();
        assertThat(forSix).as("statements for six sessions vs one").isEqualTo(forOne);
    }

    @Inject
    SessionEndings sessionsService;

    @Inject
    SessionFactory sessionFactory;

    private long statementsFor(Person who, String couple) {
        long before = sessionFactory.getStatistics().getPrepareStatementCount();
        as(who).get("/v1/couples/" + couple + "/sessions").then().statusCode(200);
        return sessionFactory.getStatistics().getPrepareStatementCount() - before;
    }

    @Test
    void exercisesNotMeantForTheRelationshipAreRefused() {
        Person a = TestUsers.create("Sam");
        String couple = pair(a, TestUsers.create("Kim"), "FRIENDSHIP");
        as(a).body(Map.of("exerciseSlug", "booster-silent-hand-holding"))
                .post("/v1/couples/" + couple + "/sessions")
                .then()
                .statusCode(409)
                .body("type", containsString("not-suited"));
        as(a).body(Map.of("exerciseSlug", "no-such-thing"))
                .post("/v1/couples/" + couple + "/sessions")
                .then()
                .statusCode(404);
        as(a).body(Map.of("exerciseSlug", "silent-walk", "level", "EXPERT"))
                .post("/v1/couples/" + couple + "/sessions")
                .then()
                .statusCode(400)
                .body("detail", containsString("ADVANCED"));
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
        as(carol)
                .body(Map.of("response", "hi"))
                .post(base + "/" + session + "/steps/1/responses")
                .then()
                .statusCode(404);
        as(carol).post(base + "/" + session + "/pause").then().statusCode(404);
        as(carol).post(base + "/" + session + "/resume").then().statusCode(404);
        as(carol)
                .body(Map.of("feltConnected", 1, "feltSafe", 1))
                .post(base + "/" + session + "/rating")
                .then()
                .statusCode(404);
        as(carol).post(base + "/" + session + "/days/1/complete").then().statusCode(404);
        as(alice).get(base + "/" + session).then().body("status", equalTo("ACTIVE"));
        // A member of another couple cannot reach this session through their own couple either.
        Person dan = TestUsers.create("Dan");
        String other = pair(carol, dan, "FRIENDSHIP");
        as(carol).get("/v1/couples/" + other + "/sessions/" + session).then().statusCode(404);
        as(carol)
                .post("/v1/couples/" + other + "/sessions/" + session + "/pause")
                .then()
                .statusCode(404);
    }
}
