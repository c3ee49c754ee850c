package app.hearth.reminder;

import static app.hearth.testsupport.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import app.hearth.testsupport.TestUsers.Person;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Reminder bodies reminder-service's tests send again and again. */
final class ReminderApi {

    private ReminderApi() {}

    /** A daily gratitude reminder at {@code time} in Paris. */
    static Map<String, Object> daily(String time) {
        return new HashMap<>(Map.of(
                "kind",
                "GRATITUDE",
                "title",
                "Say one thing you appreciate",
                "rrule",
                "FREQ=DAILY",
                "timeOfDay",
                time,
                "zonePolicy",
                "FIXED",
                "fixedZone",
                "Europe/Paris",
                "startDate",
                "2026-11-01"));
    }

    /**
     * Creates {@link #daily} at {@code time} following the person's own zone (and quiet hours), and waits until this
     * service knows their calendar: the first fire is {@code firstFire}. Its id.
     */
    static String followingMe(Person who, String time, String firstFire) {
        Map<String, Object> body = new HashMap<>(daily(time));
        body.put("zonePolicy", "FOLLOW_ME");
        body.remove("fixedZone");
        String id = as(who).body(body)
                .post("/v1/me/reminders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(who).get("/v1/me/reminders/" + id)
                        .then()
                        .body("recipients[0].nextFireAt", equalTo(firstFire)));
        return id;
    }
}
