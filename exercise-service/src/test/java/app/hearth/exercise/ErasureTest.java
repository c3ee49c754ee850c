package app.hearth.exercise;

import static app.hearth.exercise.ExerciseApi.answers;
import static app.hearth.exercise.ExerciseApi.pair;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestClock;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ErasureTest {

    @Test
    void exportHoldsEverySessionWithMyAnswersRatingsAndPlanDaysFinishedOrNot() {
        Person ada = TestUsers.create("Ada");
        Person bo = TestUsers.create("Bo");
        String couple = pair(ada, bo, "ROMANTIC");
        String sessions = "/v1/couples/" + couple + "/sessions";
        String talk = as(ada).body(Map.of("exerciseSlug", "radical-vulnerability", "level", "BEGINNER"))
                .post(sessions)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(ada).body(Map.of("response", "what I feared", "privateNote", "ada's private thought"))
                .post(sessions + "/" + talk + "/steps/3/responses")
                .then()
                .statusCode(200);
        as(bo).body(Map.of("response", "bo's answer"))
                .post(sessions + "/" + talk + "/steps/3/responses")
                .then()
                .statusCode(200);
        as(ada).body(Map.of("feltConnected", 4, "feltSafe", 5))
                .post(sessions + "/" + talk + "/rating")
                .then()
                .statusCode(200);
        as(bo).body(Map.of("feltConnected", 5, "feltSafe", 4))
                .post(sessions + "/" + talk + "/rating")
                .then()
                .statusCode(200);
        Instant now = Instant.now();
        TestClock.CLOCK.set(now);
        String plan = as(ada).body(Map.of("exerciseSlug", "digital-detox-7-day"))
                .post(sessions)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(ada).post(sessions + "/" + plan + "/days/1/complete").then().statusCode(200);
        TestClock.CLOCK.set(now.plus(Duration.ofDays(1))); // a plan's days follow the calendar
        as(bo).post(sessions + "/" + plan + "/days/2/complete").then().statusCode(200);
        TestClock.CLOCK.reset();

        var export =
                as(ada).get("/v1/me/export").then().statusCode(200).extract().jsonPath();
        assertThat(export.getList("held.sessions.sessionId")).containsExactly(talk, plan);
        assertThat(export.getString("held.sessions[0].status")).isEqualTo("COMPLETED");
        assertThat(export.getList("held.sessions[0].myAnswers.response")).containsExactly("what I feared");
        assertThat(export.getList("held.sessions[0].myAnswers.privateNote")).containsExactly("ada's private thought");
        assertThat(export.getInt("held.sessions[0].myRating.feltConnected")).isEqualTo(4);
        assertThat(export.getString("held.sessions[1].status"))
                .isEqualTo("ACTIVE"); // not finished: exported all the same
        assertThat(export.getList("held.sessions[1].planDays.day")).containsExactly(1, 2);
        assertThat(export.getList("held.sessions[1].planDays.completedByMe")).containsExactly(true, false);
        assertThat(export.prettify()).doesNotContain("bo's answer");
    }

    @Test
    void exportThenErasureThroughCoupleService() {
        Person erin = TestUsers.create("Erin");
        Person finn = TestUsers.create("Finn");
        String couple = pair(erin, finn, "ROMANTIC");
        String period = as(erin).body(answers(5, "my own note"))
                .post("/v1/couples/" + couple + "/check-ins")
                .then()
                .statusCode(201)
                .extract()
                .path("period");
        as(finn).body(answers(6, "finn's note"))
                .post("/v1/couples/" + couple + "/check-ins")
                .then()
                .statusCode(201);
        String quiz = as(erin).body(Map.of("exerciseSlug", "thirty-six-questions-rewired"))
                .post("/v1/couples/" + couple + "/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String quizBase = "/v1/couples/" + couple + "/sessions/" + quiz;
        as(erin).body(Map.of("answer", "erin's first answer"))
                .put(quizBase + "/prompts/1/answer")
                .then()
                .statusCode(200);
        as(finn).body(Map.of("answer", "finn's first answer"))
                .put(quizBase + "/prompts/1/answer")
                .then()
                .statusCode(200);
        as(erin).get("/v1/me/export")
                .then()
                .body(
                        "held.sessions.find { it.sessionId == '" + quiz + "' }.myPromptAnswers[0].answer",
                        equalTo("erin's first answer"));

        as(erin).get("/v1/me/export")
                .then()
                .statusCode(200)
                .body("held.checkIns", hasSize(1))
                .body("held.checkIns[0].privateNote", equalTo("my own note"))
                .body("held.checkIns[0].period", equalTo(period));

        as(erin).delete(PeerServices.url("couple-service") + "/v1/me").then().statusCode(204);

        // PartnerErased reaches this service: erin's answers are gone, finn's stay his.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(finn).get("/v1/couples/" + couple + "/check-ins/" + period)
                                        .then()
                                        .extract()
                                        .path("partner")
                                == null
                        && Boolean.FALSE.equals(as(finn).get("/v1/couples/" + couple + "/check-ins/" + period)
                                .then()
                                .extract()
                                .path("partnerSubmitted")));
        as(finn).get("/v1/me/export")
                .then()
                .body("held.checkIns", hasSize(1))
                .body("held.checkIns[0].privateNote", equalTo("finn's note"));
        // Her answers to the session's prompts are gone too; his stay, and show as unanswered by her.
        as(finn).get(quizBase)
                .then()
                .body("prompts[0].partnerAnswered", equalTo(false))
                .body("prompts[0].mine.answer", equalTo("finn's first answer"))
                .body(Matchers.not(Matchers.containsString("erin's first answer")));
        // Her token is refused from now on: it cannot re-create what was erased.
        as(erin).get("/v1/me/export").then().statusCode(401);
    }
}
