package app.hearth.exercise;

import static app.hearth.exercise.ExerciseApi.pair;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import app.hearth.events.EventJson;
import app.hearth.events.EventSchemas;
import app.hearth.events.Topics;
import app.hearth.testsupport.TestClock;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Prompts played one by one: the 36 questions in turns, checklists ticked, the myths quiz, the private self-assessment. */
@QuarkusTest
class PromptPlayTest {

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

    private static JsonPath answer(Person who, String base, int prompt, Map<String, Object> body, int status) {
        return as(who).body(body)
                .put(base + "/prompts/" + prompt + "/answer")
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    private static JsonPath view(Person who, String base) {
        return as(who).get(base).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theAttachmentSelfCheckSuggestsAStyleToItsTakerAloneAndWordsTheirOwnSafetyReminders() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        String check = start(alice, couple, Map.of("exerciseSlug", "attachment-style-self-check"));
        String base = "/v1/couples/" + couple + "/sessions/" + check;
        JsonPath fresh = view(alice, base);
        assertThat(fresh.getInt("attachment.ticked")).isZero();
        assertThat(fresh.getString("attachment.style")).isNull();
        assertThat(fresh.getString("attachment.guidance")).isEqualTo("/v1/guidance/attachment-styles");
        // Statements 3 and 4 lean anxious, 1 secure.
        for (int prompt : new int[] {1, 3, 4}) {
            answer(alice, base, prompt, Map.of("ticked", true), 200);
        }
        JsonPath mine = view(alice, base);
        assertThat(mine.getString("attachment.style")).isEqualTo("ANXIOUS");
        assertThat(mine.getString("attachment.meaning")).startsWith("Anxious:");
        // Bob sees that Alice did it, never what she ticked or what it suggests.
        JsonPath his = view(bob, base);
        assertThat(his.getString("attachment.style")).isNull();
        assertThat(his.getInt("attachment.ticked")).isZero();
        assertThat(his.prettify()).doesNotContain("Anxious:");

        as(alice).body(Map.of()).post(base + "/end").then().statusCode(200);

        // The effect: in an intense exercise, Alice's own reminder meets the tendency; Bob's does not mention it.
        String deep = start(bob, couple, Map.of("exerciseSlug", "radical-vulnerability"));
        String deepBase = "/v1/couples/" + couple + "/sessions/" + deep;
        assertThat(view(alice, deepBase).getString("safety.reminder")).contains("ask for reassurance out loud");
        assertThat(view(bob, deepBase).getString("safety.reminder")).doesNotContain("reassurance");
    }

    @Test
    void theThirtySixQuestionsBecomeTheGuidesHourInOneSittingWhenBothAgree() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        String session = start(alice, couple, Map.of("exerciseSlug", "thirty-six-questions-rewired"));
        String base = "/v1/couples/" + couple + "/sessions/" + session;

        // The third set is explained, not silently withheld.
        JsonPath twoSets = view(bob, base);
        assertThat(twoSets.getList("prompts")).hasSize(24);
        assertThat(twoSets.getString("deeper.level")).isEqualTo("ADVANCED");
        assertThat(twoSets.getInt("deeper.prompts")).isEqualTo(12);
        assertThat(twoSets.getString("deeper.why")).contains("12 more prompts", "both want to", "advanced work");
        answer(alice, base, 1, Map.of("answer", "a day by the sea"), 200);

        as(alice)
                .post(base + "/deeper")
                .then()
                .statusCode(202)
                .body("deeper.askedByMe", equalTo(true))
                .body("deeper.askedByPartner", equalTo(false))
                .body("prompts", hasSize(24));
        as(bob).get(base).then().body("deeper.askedByPartner", equalTo(true));
        JsonPath hour =
                as(bob).post(base + "/deeper").then().statusCode(200).extract().jsonPath();
        assertThat(hour.getString("level")).isEqualTo("ADVANCED");
        assertThat(hour.getString("pacingLevel")).isEqualTo("ADVANCED");
        assertThat(hour.getList("prompts")).hasSize(36);
        assertThat(hour.getString("deeper")).isNull();
        // What was answered stays answered, in the same sitting.
        assertThat(hour.getString("prompts[0].partner.answer")).isNull();
        assertThat(view(alice, base).getString("prompts[0].mine.answer")).isEqualTo("a day by the sea");
        as(alice).post(base + "/deeper").then().statusCode(409).body("type", containsString("no-deeper-level"));
        Person stranger = TestUsers.create("Stranger");
        as(stranger).post(base + "/deeper").then().statusCode(404);
    }

    @Test
    void theThirtySixQuestionsArePlayedQuestionByQuestionInTurnsAndPickedUpWhereTheCoupleStopped() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        Instant t0 = Instant.now();
        TestClock.CLOCK.set(t0);
        String session = start(alice, couple, Map.of("exerciseSlug", "thirty-six-questions-rewired"));
        String base = "/v1/couples/" + couple + "/sessions/" + session;

        // At its catalogue level (intermediate) the session plays sets one and two, in order, each under its step.
        JsonPath fresh = view(bob, base);
        assertThat(fresh.getList("prompts")).hasSize(24);
        assertThat(fresh.getInt("prompts[0].step")).isEqualTo(2);
        assertThat(fresh.getInt("prompts[12].step")).isEqualTo(3);
        assertThat(fresh.getMap("progress")).containsEntry("total", 24).containsEntry("answeredByBoth", 0);
        assertThat(fresh.getInt("turn.prompt")).isEqualTo(1);
        assertThat(fresh.getString("turn.askedBy")).isEqualTo(alice.id());
        assertThat(fresh.getBoolean("turn.yours")).isFalse();
        assertThat(fresh.getList("prompts.askedBy").subList(0, 4))
                .containsExactly(alice.id(), bob.id(), alice.id(), bob.id());

        // Alice's answer stays hidden until Bob answered the same question.
        answer(alice, base, 1, Map.of("answer", "a day by the sea with you"), 200);
        JsonPath bobBefore = view(bob, base);
        assertThat(bobBefore.getBoolean("prompts[0].partnerAnswered")).isTrue();
        assertThat(bobBefore.getMap("prompts[0].partner")).isNull();
        assertThat(bobBefore.prettify()).doesNotContain("by the sea");
        assertThat(bobBefore.getInt("turn.prompt")).isEqualTo(1);
        JsonPath bobAfter = answer(bob, base, 1, Map.of("answer", "a mountain hut"), 200);
        assertThat(bobAfter.getString("prompts[0].partner.answer")).isEqualTo("a day by the sea with you");
        assertThat(bobAfter.getInt("turn.prompt")).isEqualTo(2);
        assertThat(bobAfter.getBoolean("turn.yours")).isTrue();

        // Any question can be skipped; a skip counts as answered.
        answer(alice, base, 2, Map.of("skip", true), 200);
        JsonPath afterTwo = answer(bob, base, 2, Map.of("answer", "the note you left me"), 200);
        assertThat(afterTwo.getBoolean("prompts[1].partner.skipped")).isTrue();
        assertThat(afterTwo.getMap("progress"))
                .containsEntry("answeredByBoth", 2)
                .containsEntry("mine", 2);

        // A retried answer is harmless; a different second answer is refused.
        answer(alice, base, 1, Map.of("answer", "a day by the sea with you"), 200);
        as(alice)
                .body(Map.of("answer", "something else"))
                .put(base + "/prompts/1/answer")
                .then()
                .statusCode(409)
                .body("type", containsString("already-answered"));
        // Set three is advanced work: not in this session; a prompt that does not exist is not found.
        as(alice)
                .body(Map.of("answer", "x"))
                .put(base + "/prompts/30/answer")
                .then()
                .statusCode(409)
                .body("type", containsString("prompt-not-in-session"))
                .body("detail", containsString("ADVANCED"));
        as(alice)
                .body(Map.of("answer", "x"))
                .put(base + "/prompts/99/answer")
                .then()
                .statusCode(404);
        // Answers that do not fit the prompt are bad requests, and nothing is stored.
        for (String bad : List.of(
                "{}",
                "{\"choice\":\"MYTH\"}",
                "{\"answer\":\"x\",\"skip\":true}",
                "{\"answer\":\"   \"}",
                "{\"ticked\":true}",
                "{\"answr\":\"x\"}",
                "{\"answer\":\"" + "x".repeat(4001) + "\"}",
                "{\"answer\":")) {
            as(alice)
                    .body(bad)
                    .put(base + "/prompts/3/answer")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", notNullValue());
        }
        assertThat(view(alice, base).getMap("progress")).containsEntry("mine", 2);

        // Stop at any question and continue later: pause, come back, go on from question three.
        as(bob).post(base + "/pause").then().statusCode(200);
        as(alice)
                .body(Map.of("answer", "x"))
                .put(base + "/prompts/3/answer")
                .then()
                .statusCode(409)
                .body("type", containsString("session-paused"));
        TestClock.CLOCK.set(t0.plus(Duration.ofDays(2)));
        as(alice).post(base + "/resume").then().statusCode(202);
        as(bob).post(base + "/resume").then().statusCode(200);
        JsonPath later = view(alice, base);
        assertThat(later.getInt("turn.prompt")).isEqualTo(3);
        assertThat(later.getString("prompts[0].mine.answer")).isEqualTo("a day by the sea with you");
        answer(alice, base, 3, Map.of("answer", "the feed I scroll at night"), 200);
        as(bob).body(Map.of("reason", "another evening"))
                .post(base + "/end")
                .then()
                .statusCode(200);

        // All three sets are playable at the advanced level (with the pacing rules that come with it).
        String deep = start(
                bob,
                couple,
                Map.of(
                        "exerciseSlug",
                        "thirty-six-questions-rewired",
                        "level",
                        "ADVANCED",
                        "acknowledgeAdvanced",
                        true));
        String deepBase = "/v1/couples/" + couple + "/sessions/" + deep;
        JsonPath all = answer(alice, deepBase, 30, Map.of("answer", "that I am hard to love"), 200);
        assertThat(all.getList("prompts")).hasSize(36);
        assertThat(all.getList("prompts.findAll { it.step == 4 }")).hasSize(12);
        assertThat(all.getString("turn.askedBy")).isEqualTo(bob.id());
    }

    @Test
    void variantExercisesPlayThePromptOfTheirLevelOrTheNearestBelow() {
        Person alice = TestUsers.create("Alice");
        String couple = pair(alice, TestUsers.create("Bob"), "ROMANTIC");
        String gentle = start(alice, couple, Map.of("exerciseSlug", "radical-vulnerability", "level", "BEGINNER"));
        as(alice)
                .get("/v1/couples/" + couple + "/sessions/" + gentle)
                .then()
                .body("prompts", hasSize(1))
                .body("prompts[0].text", containsString("smile"))
                .body("turn", nullValue());
        as(alice)
                .body(Map.of())
                .post("/v1/couples/" + couple + "/sessions/" + gentle + "/end")
                .then()
                .statusCode(200);
        String deeper =
                start(alice, couple, Map.of("exerciseSlug", "reflecting-back-feelings", "level", "INTERMEDIATE"));
        as(alice)
                .get("/v1/couples/" + couple + "/sessions/" + deeper)
                .then()
                .body("prompts", hasSize(1))
                .body("prompts[0].level", equalTo("BEGINNER"));
    }

    @Test
    void checklistItemsAreTickedByEachPartnerWithProgress() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "FRIENDSHIP");
        String session = start(alice, couple, Map.of("exerciseSlug", "next-steps-checklist"));
        String base = "/v1/couples/" + couple + "/sessions/" + session;
        answer(alice, base, 1, Map.of("ticked", true), 200);
        answer(alice, base, 2, Map.of("ticked", true), 200);
        answer(bob, base, 2, Map.of("ticked", true), 200);
        JsonPath seen = view(alice, base);
        assertThat(seen.getMap("progress"))
                .containsEntry("total", 5)
                .containsEntry("mine", 2)
                .containsEntry("partner", 1)
                .containsEntry("answeredByBoth", 1);
        assertThat(seen.getBoolean("prompts[1].partner.ticked")).isTrue();
        assertThat(seen.getMap("prompts[0].partner")).isNull();
        assertThat(seen.getString("prompts[3].text")).isEqualTo("Set a recurring check-in");
        assertThat(seen.getString("turn")).isNull();

        answer(alice, base, 1, Map.of("ticked", false), 200);
        JsonPath unticked = answer(alice, base, 1, Map.of("ticked", false), 200);
        assertThat(unticked.getMap("progress")).containsEntry("mine", 1);
        as(alice)
                .body(Map.of("answer", "done"))
                .put(base + "/prompts/3/answer")
                .then()
                .statusCode(400)
                .body("detail", containsString("ticked"));
    }

    @Test
    void theMythsQuizShowsEachAnswerOnlyAfterYouGaveYoursWithBothScores() {
        String catalogue = as(TestUsers.create("Reader"))
                .get("/v1/exercises/intimacy-myths-quiz")
                .then()
                .statusCode(200)
                .body("prompts.BEGINNER", hasSize(10))
                .body("prompts.BEGINNER.answerKind", everyItem(equalTo("CHOICE")))
                .extract()
                .asString();
        assertThat(catalogue).doesNotContain("Myth.", "MYTH\"", "correctChoice", "built, not found");

        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        String session = start(alice, couple, Map.of("exerciseSlug", "intimacy-myths-quiz"));
        String base = "/v1/couples/" + couple + "/sessions/" + session;
        JsonPath unanswered = view(alice, base);
        assertThat(unanswered.prettify()).doesNotContain("built, not found", "MYTH\"");
        assertThat(unanswered.getList("prompts.correctChoice")).containsOnlyNulls();

        JsonPath first = answer(alice, base, 1, Map.of("choice", "MYTH"), 200);
        assertThat(first.getString("prompts[0].correctChoice")).isEqualTo("MYTH");
        assertThat(first.getString("prompts[0].explanation")).contains("built, not found");
        assertThat(first.getString("prompts[1].correctChoice")).isNull();
        JsonPath second = answer(alice, base, 2, Map.of("choice", "MYTH"), 200);
        assertThat(second.getMap("scores.mine")).containsEntry("correct", 1).containsEntry("answered", 2);
        assertThat(second.getMap("scores.partner")).containsEntry("answered", 0);

        JsonPath bobBefore = view(bob, base);
        assertThat(bobBefore.getString("prompts[0].correctChoice")).isNull();
        assertThat(bobBefore.getBoolean("prompts[0].partnerAnswered")).isTrue();
        assertThat(bobBefore.getMap("prompts[0].partner")).isNull();
        assertThat(bobBefore.getMap("scores.partner")).containsEntry("answered", 0);
        JsonPath bobAfter = answer(bob, base, 1, Map.of("choice", "TRUE"), 200);
        assertThat(bobAfter.getString("prompts[0].partner.choice")).isEqualTo("MYTH");
        assertThat(bobAfter.getMap("scores.mine")).containsEntry("correct", 0).containsEntry("answered", 1);
        // Only statements both judged count in the partner's score: Alice's second answer gives nothing away yet.
        assertThat(bobAfter.getMap("scores.partner"))
                .containsEntry("correct", 1)
                .containsEntry("answered", 1);

        answer(alice, base, 1, Map.of("choice", "MYTH"), 200);
        as(alice)
                .body(Map.of("choice", "TRUE"))
                .put(base + "/prompts/1/answer")
                .then()
                .statusCode(409)
                .body("type", containsString("already-answered"));
        as(alice)
                .body(Map.of("choice", "MAYBE"))
                .put(base + "/prompts/3/answer")
                .then()
                .statusCode(400);
        as(alice)
                .body(Map.of("ticked", true))
                .put(base + "/prompts/3/answer")
                .then()
                .statusCode(400);
    }

    @Test
    void aSelfAssessmentIsPrivateTheAnswersStayWithTheirAuthorAndOnlyItsCompletionIsAnnounced() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "FAMILY");
        String secret = "alice-secret-" + System.nanoTime();
        try (TopicReader events = new TopicReader(Topics.EXERCISE_EVENTS)) {
            String session = start(alice, couple, Map.of("exerciseSlug", "emotional-availability-self-assessment"));
            String base = "/v1/couples/" + couple + "/sessions/" + session;
            for (int question = 1; question <= 4; question++) {
                answer(alice, base, question, Map.of("answer", secret + " " + question), 200);
                answer(bob, base, question, Map.of("answer", "not yet, answer " + question), 200);
            }
            JsonPath bobSees = view(bob, base);
            assertThat(bobSees.getList("prompts.partnerAnswered")).containsOnly(true);
            assertThat(bobSees.getList("prompts.partner")).containsOnly((Object) null);
            assertThat(bobSees.getMap("progress")).containsEntry("partner", 4).containsEntry("answeredByBoth", 4);
            assertThat(bobSees.prettify()).doesNotContain(secret);
            assertThat(as(bob).get("/v1/couples/" + couple + "/sessions")
                            .then()
                            .extract()
                            .asString())
                    .doesNotContain(secret);
            assertThat(as(bob).get("/v1/me/export")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString())
                    .doesNotContain(secret);
            assertThat(view(alice, base).getString("prompts[0].mine.answer")).isEqualTo(secret + " 1");
            as(alice).get("/v1/me/export").then().body(containsString(secret + " 4"));

            as(alice)
                    .body(Map.of("feltConnected", 4, "feltSafe", 5))
                    .post(base + "/rating")
                    .then()
                    .statusCode(200);
            as(bob).body(Map.of("feltConnected", 5, "feltSafe", 4))
                    .post(base + "/rating")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("COMPLETED"));
            List<ConsumerRecord<String, String>> emitted =
                    events.await(r -> couple.equals(r.key()), 3, Duration.ofSeconds(10));
            assertThat(emitted.stream().map(r -> EventJson.read(r.value()).type()))
                    .containsExactly(
                            "hearth.exercise.session-started.v1",
                            "hearth.exercise.exercise-completed.v1",
                            "hearth.exercise.assessment-completed.v1");
            emitted.forEach(r -> {
                assertThat(EventSchemas.validate(r.value())).isEmpty();
                assertThat(r.value()).doesNotContain(secret, "not yet");
            });
        }
    }
}
