package app.hearth.exercise;

import static app.hearth.exercise.ExerciseApi.answers;
import static app.hearth.exercise.ExerciseApi.pair;
import static app.hearth.testsupport.Api.as;
import static org.hamcrest.Matchers.equalTo;

import app.hearth.testsupport.BrokerOutage;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Right after pairing the event may not have arrived: membership is then confirmed with couple-service itself. */
@QuarkusTest
class MembershipFallbackTest {

    @Test
    void aNewCoupleCanStartAtOnceEvenWhileItsEventsAreHeldUp() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        Person carol = TestUsers.create("Carol");
        try (BrokerOutage outage = BrokerOutage.begin()) {
            // couple-service pairs them (its outbox keeps CoupleFormed until the broker returns).
            String couple = pair(alice, bob, "ROMANTIC");
            as(alice)
                    .body(answers(5, null))
                    .post("/v1/couples/" + couple + "/check-ins")
                    .then()
                    .statusCode(201);
            as(bob).body(Map.of("exerciseSlug", "silent-walk"))
                    .post("/v1/couples/" + couple + "/sessions")
                    .then()
                    .statusCode(201)
                    .body("status", equalTo("ACTIVE"));
            // couple-service's answer for an outsider is a 404, and so is ours.
            as(carol).get("/v1/couples/" + couple + "/check-ins").then().statusCode(404);
            // The API stays in service while events wait.
            RestAssured.given().get("/q/health/ready").then().statusCode(200);
        }
    }
}
