package app.hearth.insights;

import static app.hearth.insights.InsightsApi.checkIn;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing personal in logs (issue 24): a journey through all four services, with the mistakes a person makes on the
 * way (an invitation code mistyped, a name with a NUL, a reminder title too long), then every service's log is read
 * for the person's name, their notes, the titles they wrote and the invitation codes: none may appear.
 */
@QuarkusTest
class PersonalDataInLogsTest {

    @Test
    void aJourneyLeavesNoNameNoteTitleOrCodeInAnyLog() throws Exception {
        String couples = PeerServices.url("couple-service");
        String exercises = PeerServices.url("exercise-service");
        String reminders = PeerServices.url("reminder-service");
        String marker = "Zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String name = "Nadia " + marker;
        String note = "note " + marker;
        String title = "title " + marker;
        Person nadia = TestUsers.create("Nadia");
        Person omar = TestUsers.create("Omar");

        as(nadia)
                .body(Map.of("displayName", name))
                .patch(couples + "/v1/me")
                .then()
                .statusCode(200);
        as(nadia)
                .body(Map.of("displayName", name + "\u0000"))
                .patch(couples + "/v1/me")
                .then()
                .statusCode(400);
        String code = as(nadia)
                .body(Map.of("relationshipKind", "ROMANTIC"))
                .post(couples + "/v1/invitations")
                .then()
                .statusCode(201)
                .extract()
                .path("code");
        as(omar).body(Map.of("code", code + "X"))
                .post(couples + "/v1/invitations/accept")
                .then()
                .statusCode(404);
        String couple = as(omar).post(couples + "/v1/invitations/" + code + "/accept")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Object> answers = new HashMap<>(checkIn(5, 7, "UNDER_1H"));
        answers.put("privateNote", note);
        answers.put("gratitude", note + " gratitude");
        as(nadia)
                .body(answers)
                .post(exercises + "/v1/couples/" + couple + "/check-ins")
                .then()
                .statusCode(201);
        as(omar).body(checkIn(6, 8, "UNDER_1H"))
                .post(exercises + "/v1/couples/" + couple + "/check-ins")
                .then()
                .statusCode(201);
        as(nadia)
                .body(Map.of(
                        "kind",
                        "CUSTOM",
                        "title",
                        title,
                        "rrule",
                        "FREQ=DAILY",
                        "timeOfDay",
                        "20:30",
                        "zonePolicy",
                        "FOLLOW_ME"))
                .post(reminders + "/v1/me/reminders")
                .then()
                .statusCode(201);
        as(nadia)
                .body(Map.of(
                        "kind",
                        "CUSTOM",
                        "title",
                        title.repeat(40),
                        "rrule",
                        "FREQ=DAILY",
                        "timeOfDay",
                        "20:30",
                        "zonePolicy",
                        "FOLLOW_ME"))
                .post(reminders + "/v1/me/reminders")
                .then()
                .statusCode(400);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(omar).get("/v1/couples/" + couple + "/insights")
                                .then()
                                .extract()
                                .statusCode()
                        == 200);
        as(nadia).delete(couples + "/v1/me").then().statusCode(204);
        Thread.sleep(2000); // what the erasure sets off, logged too

        List<String> found = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> peers =
                Files.list(PeerServices.log("peer-couple-service").getParent())) {
            peers.filter(p -> p.getFileName().toString().startsWith("peer-")).forEach(logs::add);
        }
        logs.add(Path.of("target/insights-service-test.log"));
        assertThat(logs).hasSizeGreaterThanOrEqualTo(4);
        for (Path log : logs) {
            String text = read(log);
            for (String secret : List.of(marker, code)) {
                if (text.contains(secret)) {
                    found.add(log.getFileName() + " holds "
                            + (secret.equals(code) ? "the invitation code" : "what Nadia wrote"));
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }
}
