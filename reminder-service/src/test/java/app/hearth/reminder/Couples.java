package app.hearth.reminder;

import static app.hearth.testsupport.Api.as;
import static app.hearth.testsupport.Api.pair;
import static org.awaitility.Awaitility.await;

import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestUsers.Person;
import java.time.Duration;
import java.util.Map;

/** Relationships formed for real through couple-service, with the calendars a test needs. */
final class Couples {

    private Couples() {}

    static String couples() {
        return PeerServices.url("couple-service");
    }

    /** Sets a person's zone and quiet hours in couple-service. */
    static void calendar(Person person, String zone, String quietStart, String quietEnd) {
        as(person)
                .body(Map.of("timeZone", zone, "quietHours", Map.of("start", quietStart, "end", quietEnd)))
                .patch(couples() + "/v1/me")
                .then()
                .statusCode(200);
    }

    /**
     * Forms a romantic relationship and waits until this service knows it (its default check-in reminder exists) and
     * knows both calendars.
     */
    static String form(Person a, Person b) {
        String couple = pair(couples(), a, b, "ROMANTIC");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(a).get("/v1/couples/" + couple + "/reminders")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.origin")
                        .contains("COUPLE_DEFAULT"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(a).get("/v1/couples/" + couple + "/shared-windows?days=1")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("assumedCalendars")
                        .isEmpty());
        return couple;
    }
}
