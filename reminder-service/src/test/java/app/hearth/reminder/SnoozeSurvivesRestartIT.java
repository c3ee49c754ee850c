package app.hearth.reminder;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestInfrastructure;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Snooze and skip-next are kept in the database, not in memory: the packaged app is restarted (SIGTERM, start again)
 * in between. It runs on the real clock, so instead of waiting minutes the test moves the due times in its database.
 */
class SnoozeSurvivesRestartIT {

    private static RequestSpecification as(String url, Person person) {
        return given().baseUri(url)
                .auth()
                .oauth2(person.token())
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    private static void sql(String statement, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://" + TestInfrastructure.HOST + ":" + TestInfrastructure.POSTGRES_PORT + "/"
                                + PeerServices.database("reminder-service"),
                        "postgres",
                        "postgres");
                PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    @Test
    void snoozeAndSkipNextSurviveARestart() throws Exception {
        String url = PeerServices.url("reminder-service");
        Person dana = TestUsers.create("Dana");
        String reminder = as(url, dana)
                .body(Map.of(
                        "kind",
                        "GRATITUDE",
                        "title",
                        "Say one thing you appreciate",
                        "rrule",
                        "FREQ=DAILY",
                        "timeOfDay",
                        "12:00",
                        "zonePolicy",
                        "FIXED",
                        "fixedZone",
                        "UTC"))
                .post("/v1/me/reminders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // Due now (an occurrence a minute ago), rather than waiting for noon.
        sql(
                "update reminder_recipient set occurrence_at = date_trunc('minute', now()) - interval '1 minute', "
                        + "next_fire_at = now() where reminder_id = ?",
                UUID.fromString(reminder));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !as(url, dana)
                        .get("/v1/me/notifications")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items")
                        .isEmpty());
        String notification =
                as(url, dana).get("/v1/me/notifications").then().extract().path("items[0].id");
        String snoozedUntil = as(url, dana)
                .body(Map.of("minutes", 30))
                .post("/v1/me/notifications/" + notification + "/snooze")
                .then()
                .statusCode(200)
                .extract()
                .path("snoozedUntil");
        String nextFire = as(url, dana)
                .get("/v1/me/reminders/" + reminder)
                .then()
                .extract()
                .path("recipients[0].nextFireAt");
        String afterSkip = as(url, dana)
                .post("/v1/me/reminders/" + reminder + "/skip-next")
                .then()
                .statusCode(200)
                .extract()
                .path("recipients[0].nextFireAt");

        PeerServices.restart("reminder-service");

        as(url, dana)
                .get("/v1/me/notifications")
                .then()
                .statusCode(200)
                .body("items[0].status", equalTo("SNOOZED"))
                .body("items[0].snoozedUntil", equalTo(snoozedUntil));
        as(url, dana).get("/v1/me/reminders/" + reminder).then().body("recipients[0].nextFireAt", equalTo(afterSkip));
        Assertions.assertThat(afterSkip).isNotEqualTo(nextFire);
        // The 30 minutes pass (in the database): the restarted dispatcher brings the notification back.
        sql(
                "update notification set snoozed_until = now() - interval '1 second' where id = ?",
                UUID.fromString(notification));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "UNREAD"
                        .equals(as(url, dana)
                                .get("/v1/me/notifications")
                                .then()
                                .extract()
                                .path("items[0].status")));
    }
}
