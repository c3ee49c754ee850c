package app.hearth.couple;

import static app.hearth.couple.CoupleApi.freshRomanticPair;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import app.hearth.couple.CoupleApi.Pair;
import app.hearth.testsupport.Concurrently;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No lost updates (docs/api-guidelines.md): what two people can change is changed only on the version it was read at. */
@QuarkusTest
class ConditionalUpdateTest {

    @Test
    void twoPartnersChangingTheSettingsAtOnceCannotOverwriteEachOther() throws Exception {
        Pair pair = freshRomanticPair();
        String couple = "/v1/couples/" + pair.coupleId();
        String etag = as(pair.a()).get(couple).then().statusCode(200).extract().header("ETag");
        assertThat(etag).matches("\"\\d+\"");
        assertThat(as(pair.b()).get(couple).header("ETag")).isEqualTo(etag);

        // Both read the same version and change it at the same moment: exactly one change lands, the other is told.
        List<Response> answers = Concurrently.all(List.of(
                () -> as(pair.a())
                        .header("If-Match", etag)
                        .body(Map.of("pauseWord", "pineapple"))
                        .patch(couple),
                () -> as(pair.b())
                        .header("If-Match", etag)
                        .body(Map.of("pauseWord", "lighthouse"))
                        .patch(couple),
                () -> as(pair.a())
                        .header("If-Match", etag)
                        .body(Map.of("checkInCadence", "DAILY"))
                        .patch(couple),
                () -> as(pair.b())
                        .header("If-Match", etag)
                        .body(Map.of("anniversary", "2020-02-29"))
                        .patch(couple)));
        assertThat(answers).extracting(Response::statusCode).containsOnly(200, 412);
        List<Response> won = answers.stream().filter(r -> r.statusCode() == 200).toList();
        assertThat(won).hasSize(1);
        answers.stream().filter(r -> r.statusCode() == 412).forEach(r -> {
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.<String>path("type")).isEqualTo("https://hearth.app/problems/precondition-failed");
        });
        String now = won.get(0).header("ETag");
        assertThat(now).isNotEqualTo(etag);
        Response current = as(pair.b()).get(couple);
        assertThat(current.header("ETag")).isEqualTo(now);
        for (String field : List.of("pauseWord", "checkInCadence", "anniversary")) {
            assertThat(current.<Object>path(field))
                    .as(field)
                    .isEqualTo(won.get(0).<Object>path(field));
        }

        // A change that names no version is refused: it could overwrite the other's change unseen.
        as(pair.a())
                .body(Map.of("pauseWord", "blind"))
                .patch(couple)
                .then()
                .statusCode(428)
                .body("type", equalTo("https://hearth.app/problems/precondition-required"));
        // A weak tag never matches a strong comparison; a tag without quotes is not a tag.
        as(pair.a())
                .header("If-Match", "W/" + now)
                .body(Map.of("pauseWord", "weak"))
                .patch(couple)
                .then()
                .statusCode(412);
        as(pair.a())
                .header("If-Match", now.replace("\"", ""))
                .body(Map.of("pauseWord", "bare"))
                .patch(couple)
                .then()
                .statusCode(400);
        as(pair.a())
                .header("If-Match", "\"1\", " + now)
                .body(Map.of("pauseWord", "listed"))
                .patch(couple)
                .then()
                .statusCode(200)
                .body("pauseWord", equalTo("listed"));
        // A non-member still learns nothing: 404 whatever the header says.
        as(TestUsers.create("Carol"))
                .header("If-Match", "*")
                .body(Map.of("pauseWord", "mine"))
                .patch(couple)
                .then()
                .statusCode(404);
    }

    @Test
    void aProfileChangedFromAnotherDeviceIsNotOverwrittenByAStaleOne() {
        Person alice = TestUsers.create("Alice");
        String etag = as(alice).get("/v1/me").then().statusCode(200).extract().header("ETag");
        String next = as(alice)
                .header("If-Match", etag)
                .body(Map.of("displayName", "Al"))
                .patch("/v1/me")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        as(alice)
                .header("If-Match", etag)
                .body(Map.of("displayName", "Alice from the old phone"))
                .patch("/v1/me")
                .then()
                .statusCode(412);
        as(alice).get("/v1/me").then().body("displayName", equalTo("Al")).header("ETag", next);
        // One's own profile may be changed without naming a version.
        as(alice).body(Map.of("displayName", "Alice")).patch("/v1/me").then().statusCode(200);
    }
}
