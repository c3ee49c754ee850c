package app.hearth.couple;

import static app.hearth.couple.CoupleApi.accept;
import static app.hearth.couple.CoupleApi.invite;
import static app.hearth.couple.CoupleApi.pair;
import static app.hearth.testsupport.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import app.hearth.couple.service.InvitationCodeHashes;
import app.hearth.couple.service.InvitationCodes;
import app.hearth.events.EventJson;
import app.hearth.events.Topics;
import app.hearth.testsupport.DatabaseScan;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.Tokens;
import app.hearth.testsupport.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PairingTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    InvitationCodeHashes codeHashes;

    @Test
    void aliceInvitesBobWhoAcceptsAndBothSeeTheCoupleAndItsEvents() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        try (TopicReader coupleEvents = new TopicReader(Topics.COUPLE_EVENTS)) {
            JsonPath created = as(alice)
                    .body(Map.of("relationshipKind", "ROMANTIC"))
                    .post("/v1/invitations")
                    .then()
                    .statusCode(201)
                    .header("Location", containsString("/v1/invitations/"))
                    .body("code", matchesPattern("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}"))
                    .body("status", equalTo("PENDING"))
                    .body("expiresAt", notNullValue())
                    .extract()
                    .jsonPath();
            String code = created.getString("code");
            // The code is shown once: listed invitations name it by id only, and the database keeps only its hash.
            as(alice)
                    .get("/v1/invitations")
                    .then()
                    .statusCode(200)
                    .body("items.id", containsInAnyOrder(created.getString("id")))
                    .body("items[0].code", Matchers.nullValue());
            assertThat(DatabaseScan.rowsMentioning(dataSource, code.replace("-", "")))
                    .isEmpty();

            String coupleId = accept(bob, code.toLowerCase())
                    .statusCode(201)
                    .header("Location", containsString("/v1/couples/"))
                    .body("kind", equalTo("ROMANTIC"))
                    .body("status", equalTo("ACTIVE"))
                    .body("checkInCadence", equalTo("WEEKLY"))
                    .body("members.displayName", containsInAnyOrder("Alice Test", "Bob Test"))
                    .extract()
                    .path("id");

            for (Person member : List.of(alice, bob)) {
                as(member).get("/v1/couples").then().statusCode(200).body("items.id", containsInAnyOrder(coupleId));
                as(member)
                        .get("/v1/couples/" + coupleId)
                        .then()
                        .statusCode(200)
                        .body("members.partnerId", containsInAnyOrder(alice.id(), bob.id()));
            }
            as(alice)
                    .get("/v1/invitations")
                    .then()
                    .body("items[0].status", equalTo("ACCEPTED"))
                    .body("items[0].coupleId", equalTo(coupleId));

            List<ConsumerRecord<String, String>> formed =
                    coupleEvents.await(r -> coupleId.equals(r.key()), 1, Duration.ofSeconds(10));
            assertThat(CoupleApi.validTypes(formed)).containsExactly("hearth.couple.formed.v1");
            assertThat(EventJson.read(formed.get(0).value())
                            .data()
                            .get("memberIds")
                            .toString())
                    .contains(alice.id(), bob.id());
        }
    }

    @Test
    void aCodeStoredInClearByAnEarlierReleaseIsHashedAtStartAndStillPairs() throws Exception {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        invite(alice, "FAMILY"); // makes sure alice has a profile
        String legacy = InvitationCodes.generate();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "insert into invitation (id, code, inviter_id, relationship_kind, status, created_at, expires_at) "
                            + "values (gen_random_uuid(), '" + legacy + "', '" + alice.id()
                            + "', 'FRIENDSHIP', 'PENDING', now(), "
                            + "now() + interval '1 day')");
        }
        assertThat(codeHashes.hashLegacyCodes()).isEqualTo(1);
        assertThat(DatabaseScan.rowsMentioning(dataSource, legacy)).isEmpty();
        accept(bob, InvitationCodes.display(legacy)).statusCode(201).body("kind", equalTo("FRIENDSHIP"));
    }

    @Test
    void nobodyCanAcceptTheirOwnInvitation() {
        Person alice = TestUsers.create("Alice");
        String code = invite(alice, "FRIENDSHIP");
        accept(alice, code)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("own-invitation"))
                .body("detail", containsString("own invitation"));
    }

    @Test
    void unknownUsedRevokedAndExpiredCodesAreRefused() throws Exception {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        Person carol = TestUsers.create("Carol");

        accept(bob, "ZZZZZ-ZZZZZ").statusCode(404).contentType("application/problem+json");
        accept(bob, "not a code").statusCode(404);

        String used = invite(alice, "FRIENDSHIP");
        accept(bob, used).statusCode(201);
        accept(carol, used).statusCode(410).body("type", containsString("invitation-used"));

        String revoked = invite(alice, "FAMILY");
        as(alice).delete("/v1/invitations/" + revoked).then().statusCode(204);
        accept(carol, revoked).statusCode(410).body("type", containsString("invitation-revoked"));

        JsonPath expiring = as(alice)
                .body(Map.of("relationshipKind", "FAMILY"))
                .post("/v1/invitations")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String expired = expiring.getString("code");
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("update invitation set expires_at = now() - interval '1 minute' where id = '"
                    + expiring.getString("id") + "'");
        }
        accept(carol, expired).statusCode(410).body("type", containsString("invitation-expired"));
        as(alice)
                .get("/v1/invitations")
                .then()
                .body("items.find { it.id == '" + expiring.getString("id") + "' }.status", equalTo("EXPIRED"));

        // Withdrawn by its id, as the list shows it.
        String byId = as(alice)
                .body(Map.of("relationshipKind", "FAMILY"))
                .post("/v1/invitations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(carol).delete("/v1/invitations/" + byId).then().statusCode(404);
        as(alice).delete("/v1/invitations/" + byId).then().statusCode(204);
        as(alice)
                .get("/v1/invitations")
                .then()
                .body("items.find { it.id == '" + byId + "' }.status", equalTo("REVOKED"));
    }

    @Test
    void onlyTheInviterCanRevokeACode() {
        Person alice = TestUsers.create("Alice");
        Person carol = TestUsers.create("Carol");
        String code = invite(alice, "FRIENDSHIP");
        as(carol).delete("/v1/invitations/" + code).then().statusCode(404).contentType("application/problem+json");
        as(alice).get("/v1/invitations").then().body("items[0].status", equalTo("PENDING"));
    }

    @Test
    void byDefaultAPersonHoldsOneRomanticRelationshipAtATime() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        Person carol = TestUsers.create("Carol");
        pair(alice, bob, "ROMANTIC");

        accept(carol, invite(alice, "ROMANTIC")).statusCode(409).body("type", containsString("romantic-limit"));
        accept(alice, invite(carol, "ROMANTIC")).statusCode(409).body("type", containsString("romantic-limit"));
        // A friendship is fine.
        accept(carol, invite(alice, "FRIENDSHIP")).statusCode(201);
        // The same two people cannot pair twice.
        accept(bob, invite(alice, "FRIENDSHIP")).statusCode(409).body("type", containsString("already-paired"));
    }

    @Test
    void aPersonWhoChoosesMoreThanOneHoldsSeveralRomanticRelationshipsEachInvisibleToTheOthers() {
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        Person carol = TestUsers.create("Carol");
        String withBob = pair(alice, bob, "ROMANTIC");
        as(alice).get("/v1/me").then().body("romanticRelationships", equalTo("ONE_AT_A_TIME"));
        accept(carol, invite(alice, "ROMANTIC"))
                .statusCode(409)
                .body("detail", containsString("romanticRelationships: MORE_THAN_ONE"));

        as(alice)
                .body(Map.of("romanticRelationships", "MORE_THAN_ONE"))
                .patch("/v1/me")
                .then()
                .statusCode(200)
                .body("romanticRelationships", equalTo("MORE_THAN_ONE"));
        as(alice)
                .body(Map.of("romanticRelationships", "SEVERAL"))
                .patch("/v1/me")
                .then()
                .statusCode(400);
        String withCarol = accept(carol, invite(alice, "ROMANTIC"))
                .statusCode(201)
                .body("kind", equalTo("ROMANTIC"))
                .body("members", hasSize(2)) // pairs stay pairs
                .extract()
                .path("id");
        // The choice is Alice's own: Bob still holds one at a time.
        accept(TestUsers.create("Dana"), invite(bob, "ROMANTIC"))
                .statusCode(409)
                .body("type", containsString("romantic-limit"));

        // Each relationship is seen by its own two members only, and says nothing of the other or of the choice.
        as(alice).get("/v1/couples").then().body("items.id", containsInAnyOrder(withBob, withCarol));
        as(bob).get("/v1/couples").then().body("items.id", contains(withBob));
        as(carol).get("/v1/couples").then().body("items.id", contains(withCarol));
        as(bob).get("/v1/couples/" + withCarol).then().statusCode(404);
        as(carol).get("/v1/couples/" + withBob).then().statusCode(404);
        String bobsView = as(bob).get("/v1/couples/" + withBob).then().extract().asString();
        assertThat(bobsView).doesNotContain(withCarol, carol.id(), "romanticRelationships", "MORE_THAN_ONE");

        // Consent is per relationship: an app Alice and Bob let in does not see Alice and Carol.
        String grant = as(alice)
                .body(Map.of("clientId", "partner-demo", "scopes", List.of("couples.read")))
                .post("/v1/couples/" + withBob + "/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(bob).post("/v1/couples/" + withBob + "/grants/" + grant + "/approve")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.partnerApp("couples.read"))
                .get("/v1/couples/" + withBob)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.partnerApp("couples.read"))
                .get("/v1/couples/" + withCarol)
                .then()
                .statusCode(404);

        // Settings, agreements and endings are per relationship.
        as(alice)
                .header("If-Match", "*")
                .body(Map.of("pauseWord", "pineapple"))
                .patch("/v1/couples/" + withBob)
                .then()
                .statusCode(200);
        as(carol).get("/v1/couples/" + withCarol).then().body("pauseWord", nullValue());
        as(bob).post("/v1/couples/" + withBob + "/end").then().statusCode(200);
        as(alice).get("/v1/couples/" + withCarol).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void aPersonHasAtMostTwentyActiveRelationships() {
        Person hub = TestUsers.create("Hub");
        for (int i = 0; i < 20; i++) {
            pair(hub, TestUsers.create("Friend"), "FRIENDSHIP");
        }
        as(hub).get("/v1/couples").then().body("items", hasSize(20));
        accept(TestUsers.create("Friend"), invite(hub, "FRIENDSHIP"))
                .statusCode(409)
                .body("type", containsString("relationship-limit"))
                .body("detail", containsString("20"));
    }

    @Test
    void failedAttemptsAreRateLimitedPerPerson() {
        Person guesser = TestUsers.create("Guesser");
        for (int i = 0; i < 10; i++) {
            accept(guesser, "ZZZZZ-ZZZZ" + (i % 10)).statusCode(404);
        }
        accept(guesser, "ZZZZZ-ZZZZZ")
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"));
        // Even a valid code waits: the limit is on the person, not the code.
        accept(guesser, invite(TestUsers.create("Alice"), "FRIENDSHIP")).statusCode(429);
        // Someone else is not affected.
        accept(TestUsers.create("Other"), "ZZZZZ-ZZZZZ").statusCode(404);
    }

    @Test
    void fiftyParallelWrongGuessesGetExactlyTenTries() throws Exception {
        Person guesser = TestUsers.create("Racer");
        as(guesser).get("/v1/me").then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(25);
        List<Future<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String code = String.format("ZZZZZ-ZZZ%02d", i).replace('0', 'Q').replace('1', 'R');
            calls.add(pool.submit(() -> as(guesser)
                    .post("/v1/invitations/" + code + "/accept")
                    .then()
                    .extract()
                    .response()));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (var call : calls) {
            Response response = call.get();
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 429) {
                assertThat(response.header("Retry-After")).matches("\\d+");
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(404, 10, 429, 40));
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("select count(*) from accept_attempt where partner_id = ?")) {
            s.setString(1, guesser.id());
            try (var rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("attempts counted").isEqualTo(10);
            }
        }
    }

    @Test
    void aSuccessfulAcceptDoesNotCountAgainstTheLimit() {
        Person bob = TestUsers.create("Bob");
        for (int i = 0; i < 9; i++) {
            accept(bob, "ZZZZZ-ZZZZ" + (char) ('A' + i)).statusCode(404);
        }
        accept(bob, invite(TestUsers.create("Alice"), "FRIENDSHIP")).statusCode(201);
        accept(bob, "ZZZZZ-ZZZZZ").statusCode(404); // the tenth failure is still allowed
        accept(bob, "ZZZZZ-ZZZZY").statusCode(429);
    }

    @Test
    void thirtyParallelInvitationsStopAtTheCapOfTenPending() throws Exception {
        Person inviter = TestUsers.create("Host");
        as(inviter).get("/v1/me").then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(15);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(pool.submit(() -> as(inviter)
                    .body(Map.of("relationshipKind", "FRIENDSHIP"))
                    .post("/v1/invitations")
                    .then()
                    .extract()
                    .statusCode()));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (var call : calls) {
            statuses.merge(call.get(), 1, Integer::sum);
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 10, 429, 20));
        as(inviter).get("/v1/invitations").then().statusCode(200).body("items", Matchers.hasSize(10));
        as(inviter)
                .body(Map.of("relationshipKind", "FRIENDSHIP"))
                .post("/v1/invitations")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"));
    }
}
