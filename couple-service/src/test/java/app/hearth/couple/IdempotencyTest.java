package app.hearth.couple;

import static app.hearth.couple.CoupleApi.invite;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import app.hearth.testsupport.Concurrently;
import app.hearth.testsupport.DatabaseScan;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Retries are safe (hearth-platform's IdempotentRequests, shared by every service): the same Idempotency-Key and
 * request gives the first answer again without doing the work twice, also when the duplicates arrive at once.
 */
@QuarkusTest
class IdempotencyTest {
    private static final Map<String, String> ROMANTIC = Map.of("relationshipKind", "ROMANTIC");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRetryGetsTheFirstAnswerAndADifferentRequestWithTheSameKeyIsRefused() {
        Person alice = TestUsers.create("Alice");
        String key = UUID.randomUUID().toString();
        Response first = as(alice).header("Idempotency-Key", key).body(ROMANTIC).post("/v1/invitations");
        first.then().statusCode(201);
        Response retry = as(alice).header("Idempotency-Key", key).body(ROMANTIC).post("/v1/invitations");
        retry.then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"))
                .contentType("application/json");
        assertThat(retry.asString()).isEqualTo(first.asString());
        as(alice).get("/v1/invitations").then().statusCode(200).body("items", hasSize(1));
        // The stored answer holds the code shown once: sealed, so the database never has it in the clear.
        assertThat(DatabaseScan.rowsMentioning(
                        dataSource, first.path("code").toString().replace("-", "")))
                .isEmpty();
        assertThat(storedFor(alice)).isEqualTo(1);

        as(alice)
                .header("Idempotency-Key", key)
                .body(Map.of("relationshipKind", "FRIENDSHIP"))
                .post("/v1/invitations")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://hearth.app/problems/idempotency-key-reused"));
        // Keys are per caller: Bob's identical key is his own.
        Person bob = TestUsers.create("Bob");
        as(bob).header("Idempotency-Key", key)
                .body(ROMANTIC)
                .post("/v1/invitations")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", Matchers.nullValue());
        as(alice).get("/v1/invitations").then().body("items", hasSize(1));
    }

    @Test
    void concurrentDuplicatesDoTheWorkOnceAndAllGetItsAnswer() throws Exception {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String code = invite(alice, "ROMANTIC");
        String key = UUID.randomUUID().toString();
        // Accepting twice without a key is a 409 (the code is used); with the same key, every duplicate gets the
        // couple.
        List<Response> answers = Concurrently.all(Collections.nCopies(
                8, () -> as(bob).header("Idempotency-Key", key).post("/v1/invitations/" + code + "/accept")));
        assertThat(answers).extracting(Response::statusCode).containsOnly(201);
        assertThat(answers)
                .extracting(r -> r.path("id").toString())
                .containsOnly(answers.get(0).path("id").toString());
        assertThat(answers)
                .filteredOn(r -> r.header("Idempotent-Replayed") == null)
                .hasSize(1);
        as(bob).get("/v1/couples").then().body("items", hasSize(1));

        String createKey = UUID.randomUUID().toString();
        List<Response> created = Concurrently.all(Collections.nCopies(
                8,
                () -> as(alice)
                        .header("Idempotency-Key", createKey)
                        .body(Map.of("relationshipKind", "FRIENDSHIP"))
                        .post("/v1/invitations")));
        assertThat(created).extracting(Response::statusCode).containsOnly(201);
        assertThat(created)
                .extracting(Response::asString)
                .containsOnly(created.get(0).asString());
        as(alice)
                .get("/v1/invitations")
                .then()
                .body("items.findAll { it.relationshipKind == 'FRIENDSHIP' }", hasSize(1));
    }

    @Test
    void aRefusedRequestLeavesItsKeyFreeAndErasureForgetsTheKeys() {
        Person alice = TestUsers.create("Alice");
        String key = UUID.randomUUID().toString();
        as(alice)
                .header("Idempotency-Key", key)
                .body(Map.of("relationshipKind", "SOULMATES"))
                .post("/v1/invitations")
                .then()
                .statusCode(400);
        as(alice)
                .header("Idempotency-Key", key)
                .body(ROMANTIC)
                .post("/v1/invitations")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", Matchers.nullValue());
        as(alice)
                .header("Idempotency-Key", "short")
                .body(ROMANTIC)
                .post("/v1/invitations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertThat(storedFor(alice)).isEqualTo(1);

        as(alice).delete("/v1/me").then().statusCode(204);
        assertThat(storedFor(alice)).isZero();
    }

    private long storedFor(Person person) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement count =
                        c.prepareStatement("select count(*) from idempotent_request where caller = ?")) {
            count.setString(1, person.id());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
