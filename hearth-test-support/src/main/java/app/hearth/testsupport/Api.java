package app.hearth.testsupport;

import static io.restassured.RestAssured.given;

import app.hearth.testsupport.TestUsers.Person;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** Calls to Hearth's APIs as the tests make them: as a person, and the pairing every journey starts with. */
public final class Api {

    private Api() {}

    /** A JSON request with the person's bearer token. */
    public static RequestSpecification as(Person person) {
        return given().auth()
                .oauth2(person.token())
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /**
     * Pairs two people through couple-service at {@code couples} ({@code ""} when couple-service is the app under
     * test): {@code a} invites, {@code b} accepts. Returns the couple id.
     */
    public static String pair(String couples, Person a, Person b, String kind) {
        String code = as(a).body(Map.of("relationshipKind", kind))
                .post(couples + "/v1/invitations")
                .then()
                .statusCode(201)
                .extract()
                .path("code");
        return as(b).body(Map.of("code", code))
                .post(couples + "/v1/invitations/accept")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /**
     * The agreements step intense work waits for, through couple-service at {@code couples}: {@code a} agrees the
     * pause word "pineapple", then both confirm the safety agreements.
     */
    public static void confirmSafetyAgreements(String couples, String coupleId, Person a, Person b) {
        as(a).header("If-Match", "*")
                .body(Map.of("pauseWord", "pineapple"))
                .patch(couples + "/v1/couples/" + coupleId)
                .then()
                .statusCode(200);
        for (Person member : List.of(a, b)) {
            as(member)
                    .body(Map.of("confirmed", true))
                    .put(couples + "/v1/couples/" + coupleId + "/safety-agreements/mine")
                    .then()
                    .statusCode(200);
        }
    }
}
