package app.hearth.exercise;

import static app.hearth.testsupport.Api.as;

import app.hearth.testsupport.Api;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestUsers.Person;
import java.util.HashMap;
import java.util.Map;

/** What exercise-service's tests do again and again: pair people, set their calendar, answer a check-in. */
final class ExerciseApi {

    private ExerciseApi() {}

    /**
     * Pairs two people through couple-service, ready for any exercise (pause word agreed, safety agreements confirmed
     * by both); returns the couple id.
     */
    static String pair(Person a, Person b, String kind) {
        String couple = Api.pair(PeerServices.url("couple-service"), a, b, kind);
        Api.confirmSafetyAgreements(PeerServices.url("couple-service"), couple, a, b);
        return couple;
    }

    static void profile(Person person, String zone) {
        as(person)
                .body(Map.of("timeZone", zone, "startOfDayHour", 4))
                .patch(PeerServices.url("couple-service") + "/v1/me")
                .then()
                .statusCode(200);
    }

    static Map<String, Object> answers(int closeness, String privateNote) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "mood",
                "CONTENT",
                "moodIntensity",
                3,
                "closeness",
                closeness,
                "satisfaction",
                7,
                "screenTime",
                "1_TO_3H",
                "gratitude",
                "the soup you made",
                "challenging",
                "my long week",
                "need",
                "a slow Sunday"));
        body.put("privateNote", privateNote);
        return body;
    }
}
