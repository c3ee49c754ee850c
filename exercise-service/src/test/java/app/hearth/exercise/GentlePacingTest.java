package app.hearth.exercise;

import static app.hearth.exercise.ExerciseApi.answers;
import static app.hearth.exercise.ExerciseApi.pair;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.EventSchemas;
import app.hearth.events.Topics;
import app.hearth.testsupport.TestClock;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guide's flooding signs slow a couple's pacing: a low "felt safe" after intense work, or anxiety and loneliness
 * named again and again, and no intense exercise starts for 14 days; gentle ones still do.
 */
@QuarkusTest
class GentlePacingTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    @AfterEach
    void realTime() {
        TestClock.CLOCK.reset();
    }

    private static String sessions(String couple) {
        return "/v1/couples/" + couple + "/sessions";
    }

    private static String start(Person who, String couple, String slug) {
        return as(who).body(Map.of("exerciseSlug", slug))
                .post(sessions(couple))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void rate(Person who, String couple, String session, int feltSafe) {
        as(who).body(Map.of("feltConnected", 3, "feltSafe", feltSafe))
                .post(sessions(couple) + "/" + session + "/rating")
                .then()
                .statusCode(200);
    }

    @Test
    void feelingUnsafeAfterIntenseWorkHoldsIntenseExercisesForFourteenDays() {
        TestClock.CLOCK.set(T0);
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob, "ROMANTIC");
        as(alice)
                .get("/v1/couples/" + couple + "/pacing")
                .then()
                .statusCode(200)
                .body("gentlePeriod", nullValue())
                .body("maxAdvancedPerWeek", equalTo(2));

        // A low rating after gentle work is not a flooding sign.
        String booster = start(alice, couple, "booster-gratitude-exchange");
        rate(alice, couple, booster, 1);
        rate(bob, couple, booster, 1);
        as(bob).get("/v1/couples/" + couple + "/pacing").then().body("gentlePeriod", nullValue());

        try (TopicReader events = new TopicReader(Topics.EXERCISE_EVENTS)) {
            String deep = start(alice, couple, "radical-vulnerability");
            rate(alice, couple, deep, 2);
            rate(bob, couple, deep, 5);

            List<ConsumerRecord<String, String>> started = events.await(
                    r -> couple.equals(r.key()) && r.value().contains("gentle-period-started"),
                    1,
                    Duration.ofSeconds(10));
            EventEnvelope event = EventJson.read(started.get(0).value());
            assertThat(EventSchemas.validate(started.get(0).value())).isEmpty();
            assertThat(event.data().get("signal").asText()).isEqualTo("LOW_FELT_SAFE");
            assertThat(Instant.parse(event.data().get("until").asText())).isEqualTo(T0.plus(Duration.ofDays(14)));
            // The partner learns that pacing slowed, never whose rating slowed it.
            assertThat(started.get(0).value()).doesNotContain(alice.id(), bob.id());
        }

        as(bob).get("/v1/couples/" + couple + "/pacing")
                .then()
                .statusCode(200)
                .body("gentlePeriod.signal", equalTo("LOW_FELT_SAFE"))
                .body("gentlePeriod.until", equalTo("2026-12-09T12:00:00Z"))
                .body("gentlePeriod.why", containsString("paced, not forced"))
                .body("gentlePeriod.why", containsString("One of you"));
        as(bob).body(Map.of("exerciseSlug", "no-judgment-zone"))
                .post(sessions(couple))
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("gentle-period"))
                .body("detail", containsString("2026-12-09"))
                .body("detail", containsString("/v1/guidance/emotional-flooding"));
        // Advanced prompts on a gentle exercise are intense work too.
        as(bob).body(Map.of("exerciseSlug", "booster-gratitude-exchange", "level", "ADVANCED"))
                .post(sessions(couple))
                .then()
                .statusCode(409)
                .body("type", containsString("gentle-period"));
        String gentle = start(bob, couple, "booster-gratitude-exchange");
        as(bob).body(Map.of())
                .post(sessions(couple) + "/" + gentle + "/end")
                .then()
                .statusCode(200);

        TestClock.CLOCK.set(T0.plus(Duration.ofDays(14)).plusSeconds(60));
        as(alice).get("/v1/couples/" + couple + "/pacing").then().body("gentlePeriod", nullValue());
        start(alice, couple, "no-judgment-zone");
    }

    @Test
    void anxietyOrLonelinessInTwoOfTheLastThreeCheckInsSlowsPacing() {
        Person ana = TestUsers.create("Ana");
        Person ben = TestUsers.create("Ben");
        String couple = pair(ana, ben, "ROMANTIC");
        String checkIns = "/v1/couples/" + couple + "/check-ins";
        Instant week = Instant.parse("2026-11-18T12:00:00Z"); // a Wednesday, week after week
        for (String mood : List.of("ANXIOUS", "CALM")) {
            TestClock.CLOCK.set(week);
            Map<String, Object> answers = answers(5, null);
            answers.put("mood", mood);
            as(ana).body(answers).post(checkIns).then().statusCode(201);
            week = week.plus(Duration.ofDays(7));
        }
        as(ana).get("/v1/couples/" + couple + "/pacing").then().body("gentlePeriod", nullValue());

        TestClock.CLOCK.set(week);
        Map<String, Object> lonely = answers(5, null);
        lonely.put("mood", "LONELY");
        as(ana).body(lonely).post(checkIns).then().statusCode(201);
        as(ben).get("/v1/couples/" + couple + "/pacing")
                .then()
                .body("gentlePeriod.signal", equalTo("ANXIOUS_OR_LONELY"))
                .body("gentlePeriod.until", equalTo("2026-12-16T12:00:00Z"))
                .body("gentlePeriod.why", containsString("anxiety or loneliness"));
        as(ben).body(Map.of("exerciseSlug", "radical-vulnerability"))
                .post(sessions(couple))
                .then()
                .statusCode(409)
                .body("type", containsString("gentle-period"));
        // A member of another couple learns nothing of it.
        Person carol = TestUsers.create("Carol");
        as(carol).get("/v1/couples/" + couple + "/pacing").then().statusCode(404);
    }
}
