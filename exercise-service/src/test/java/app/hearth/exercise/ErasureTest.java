package app.hearth.exercise;

import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static app.hearth.exercise.CheckInTest.answers;
import static app.hearth.exercise.CheckInTest.as;
import static app.hearth.exercise.CheckInTest.pair;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ErasureTest {

    @Test
    void exportThenErasureThroughCoupleService() {
        Person erin = TestUsers.create("Erin");
        Person finn = TestUsers.create("Finn");
        String couple = pair(erin, finn, "ROMANTIC");
        String period = as(erin).body(answers(5, "my own note")).post("/v1/couples/" + couple + "/check-ins")
                .then().statusCode(201).extract().path("period");
        as(finn).body(answers(6, "finn's note")).post("/v1/couples/" + couple + "/check-ins").then().statusCode(201);

        as(erin).get("/v1/me/export").then().statusCode(200)
                .body("checkIns", hasSize(1))
                .body("checkIns[0].privateNote", equalTo("my own note"))
                .body("checkIns[0].period", equalTo(period));

        as(erin).delete(PeerServices.url("couple-service") + "/v1/me").then().statusCode(204);

        // PartnerErased reaches this service: erin's answers are gone, finn's stay his.
        await().atMost(Duration.ofSeconds(15)).until(() ->
                as(finn).get("/v1/couples/" + couple + "/check-ins/" + period).then().extract().path("partner") == null
                        && Boolean.FALSE.equals(as(finn).get("/v1/couples/" + couple + "/check-ins/" + period).then().extract().path("partnerSubmitted")));
        as(finn).get("/v1/me/export").then().body("checkIns", hasSize(1)).body("checkIns[0].privateNote", equalTo("finn's note"));
        as(erin).get("/v1/me/export").then().statusCode(200).body("checkIns", hasSize(0)).body("coupleIds", hasSize(0));
    }
}
