package app.hearth.couple;

import static app.hearth.couple.CoupleApi.freshRomanticPair;
import static app.hearth.couple.CoupleApi.invite;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import app.hearth.couple.CoupleApi.Pair;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint that takes an id answers an outsider exactly as it answers for an id that does not exist: 404
 * problem+json, and nothing changes.
 */
@QuarkusTest
class NonMemberTest {

    record Ids(String couple, String grant, String code) {}

    private static final Map<String, BiFunction<Person, Ids, Response>> ENDPOINTS = new LinkedHashMap<>();

    static {
        ENDPOINTS.put("GET couple", (p, id) -> as(p).get("/v1/couples/" + id.couple()));
        ENDPOINTS.put(
                "PATCH couple",
                (p, id) -> as(p).body(Map.of("pauseWord", "mine now")).patch("/v1/couples/" + id.couple()));
        ENDPOINTS.put("POST end", (p, id) -> as(p).post("/v1/couples/" + id.couple() + "/end"));
        ENDPOINTS.put("GET grants", (p, id) -> as(p).get("/v1/couples/" + id.couple() + "/grants"));
        ENDPOINTS.put(
                "POST grant",
                (p, id) -> as(p).body(Map.of("clientId", "partner-demo", "scopes", List.of("couples.read")))
                        .post("/v1/couples/" + id.couple() + "/grants"));
        ENDPOINTS.put(
                "POST approve",
                (p, id) -> as(p).post("/v1/couples/" + id.couple() + "/grants/" + id.grant() + "/approve"));
        ENDPOINTS.put("DELETE grant", (p, id) -> as(p).delete("/v1/couples/" + id.couple() + "/grants/" + id.grant()));
        ENDPOINTS.put("DELETE invitation", (p, id) -> as(p).delete("/v1/invitations/" + id.code()));
    }

    @Test
    void anOutsiderGetsTheSame404AsForSomethingThatDoesNotExist() {
        Pair pair = freshRomanticPair();
        String grant = as(pair.a())
                .body(Map.of("clientId", "partner-demo", "scopes", List.of("couples.read")))
                .post("/v1/couples/" + pair.coupleId() + "/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String code = invite(pair.a(), "FAMILY");
        Ids real = new Ids(pair.coupleId(), grant, code);
        Ids missing = new Ids(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "ZZZZZ-ZZZZZ");
        Person carol = TestUsers.create("Carol");

        ENDPOINTS.forEach((name, call) -> {
            Response outsider = call.apply(carol, real);
            Response nothing = call.apply(carol, missing);
            assertThat(outsider.statusCode()).as(name).isEqualTo(404);
            assertThat(outsider.contentType()).as(name).startsWith("application/problem+json");
            assertThat(nothing.statusCode()).as(name + " (missing)").isEqualTo(404);
            assertThat(outsider.jsonPath().getString("title"))
                    .as(name)
                    .isEqualTo(nothing.jsonPath().getString("title"));
            assertThat(outsider.jsonPath().getString("type"))
                    .as(name)
                    .isEqualTo(nothing.jsonPath().getString("type"));
        });

        as(pair.a())
                .get("/v1/couples/" + pair.coupleId())
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("pauseWord", Matchers.nullValue());
        as(pair.a())
                .get("/v1/couples/" + pair.coupleId() + "/grants")
                .then()
                .body("items[0].status", equalTo("PENDING"));
        as(pair.a())
                .get("/v1/invitations")
                .then()
                .body("items.findAll { it.relationshipKind == 'FAMILY' }.status", contains("PENDING"));
    }

    @Test
    void aMemberCannotReachAnotherCouplesGrantThroughTheirOwnCouple() {
        Pair mine = freshRomanticPair();
        Pair theirs = freshRomanticPair();
        String theirGrant = as(theirs.a())
                .body(Map.of("clientId", "partner-demo", "scopes", List.of("couples.read")))
                .post("/v1/couples/" + theirs.coupleId() + "/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(mine.b())
                .post("/v1/couples/" + mine.coupleId() + "/grants/" + theirGrant + "/approve")
                .then()
                .statusCode(404);
        as(mine.b())
                .delete("/v1/couples/" + mine.coupleId() + "/grants/" + theirGrant)
                .then()
                .statusCode(404);
        as(theirs.a())
                .get("/v1/couples/" + theirs.coupleId() + "/grants")
                .then()
                .body("items[0].status", equalTo("PENDING"));
    }

    /** An id that cannot be one is a malformed request, a 400 naming the parameter (it says nothing of what exists). */
    @Test
    void aMalformedIdIsABadRequestNamingTheParameter() {
        Person carol = TestUsers.create("Carol");
        as(carol)
                .get("/v1/couples/not-a-uuid")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://hearth.app/problems/invalid-request"))
                .body("errors[0].field", equalTo("coupleId"))
                .body("errors[0].message", Matchers.containsString("not-a-uuid"));
    }
}
