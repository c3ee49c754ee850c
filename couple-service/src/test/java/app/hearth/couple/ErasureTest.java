package app.hearth.couple;

import static app.hearth.couple.CoupleApi.invite;
import static app.hearth.couple.CoupleApi.pair;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import app.hearth.couple.CoupleApi.Pair;
import app.hearth.couple.service.PartnerService;
import app.hearth.events.EventJson;
import app.hearth.events.Topics;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.http.IfMatch;
import app.hearth.testsupport.HeldTransaction;
import app.hearth.testsupport.Sql;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ErasureTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void exportHoldsEverythingAboutTheCaller() {
        Person erin = TestUsers.create("Erin");
        Person finn = TestUsers.create("Finn");
        String couple = pair(erin, finn, "FRIENDSHIP");
        invite(erin, "FAMILY");
        as(erin).body(Map.of("clientId", "partner-demo", "scopes", List.of("couples.read")))
                .post("/v1/couples/" + couple + "/grants")
                .then()
                .statusCode(201);
        // The whole export needs every service; here the others are down, so it fails clearly rather than partly.
        as(erin).get("/v1/me/export")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", Matchers.notNullValue())
                .body("type", equalTo("https://hearth.app/problems/export-incomplete"))
                .body("detail", Matchers.containsString("exercise-service"));
        as(erin).get("/v1/me/export?part=somewhere-else").then().statusCode(400);
        as(erin).get("/v1/me/export?part=couple-service")
                .then()
                .statusCode(200)
                .body("personId", equalTo(erin.id()))
                .body("services.'couple-service'.held.profile.id", equalTo(erin.id()))
                .body("services.'couple-service'.held.relationships.id", hasItem(couple))
                .body(
                        "services.'couple-service'.held.invitations.status",
                        Matchers.containsInAnyOrder("ACCEPTED", "PENDING"))
                .body("services.'couple-service'.held.invitations.code", Matchers.everyItem(Matchers.nullValue()))
                .body("services.'couple-service'.held.grants", hasSize(1))
                .body("services.'exercise-service'", Matchers.nullValue());
    }

    @Test
    void erasureForgetsThePersonAndTellsEveryOtherService() throws Exception {
        String unique =
                "Erin" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 4);
        Person erin = TestUsers.create(unique);
        Person finn = TestUsers.create("Finn");
        Pair pair = new Pair(erin, finn, pair(erin, finn, "ROMANTIC"));
        String friendship = pair(TestUsers.create("Gus"), erin, "FRIENDSHIP");
        invite(erin, "FAMILY");
        as(erin).body(Map.of("timeZone", "Europe/Paris", "attachmentStyle", "ANXIOUS"))
                .patch("/v1/me")
                .then()
                .statusCode(200);
        String grant = as(erin).body(Map.of("clientId", "partner-demo", "scopes", List.of("couples.read")))
                .post("/v1/couples/" + pair.coupleId() + "/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(finn).post("/v1/couples/" + pair.coupleId() + "/grants/" + grant + "/approve")
                .then()
                .statusCode(200);
        as(finn).post("/v1/invitations/ZZZZZ-ZZZZZ/accept"); // leaves nothing about erin
        as(erin).post("/v1/invitations/ZZZZZ-ZZZZZ/accept").then().statusCode(404); // a failed attempt row for erin

        try (TopicReader partnerEvents = new TopicReader(Topics.PARTNER_EVENTS);
                TopicReader coupleEvents = new TopicReader(Topics.COUPLE_EVENTS)) {
            as(erin).delete("/v1/me").then().statusCode(204);

            List<ConsumerRecord<String, String>> erased = partnerEvents.await(
                    r -> erin.id().equals(r.key()) && r.value().contains("partner.erased"), 1, Duration.ofSeconds(10));
            assertThat(CoupleApi.validTypes(erased)).containsExactly("hearth.partner.erased.v1");
            List<ConsumerRecord<String, String>> ended =
                    coupleEvents.await(r -> pair.coupleId().equals(r.key()), 2, Duration.ofSeconds(10));
            assertThat(CoupleApi.validTypes(ended))
                    .containsExactly("hearth.couple.integration-revoked.v1", "hearth.couple.ended.v1");
            assertThat(EventJson.read(ended.get(1).value()).data().get("reason").asText())
                    .isEqualTo("PARTNER_ERASED");
            coupleEvents.await(r -> friendship.equals(r.key()), 1, Duration.ofSeconds(10));
        }

        // The partner still sees the ended relationship, without the erased person in it.
        as(finn).get("/v1/couples/" + pair.coupleId())
                .then()
                .statusCode(200)
                .body("status", equalTo("ENDED"))
                .body("members.partnerId", Matchers.contains(finn.id()));

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> rowsMentioning("").isEmpty());
        // The login is deleted at the identity provider; until then its subject waits in account_deletion.
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !TestUsers.loginExists(erin));
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> rowsMentioning(erin.id()).isEmpty());
        assertThat(rowsMentioning(unique)).as("rows naming erin").isEmpty();
    }

    @Test
    void someoneWhoNeverMadeAProfileIsErasedEverywhereToo() {
        // Only ever used another service (reminders, say): couple-service holds nothing, yet the others must hear of
        // it.
        Person ivy = TestUsers.create("Ivy");
        try (TopicReader partnerEvents = new TopicReader(Topics.PARTNER_EVENTS)) {
            as(ivy).delete("/v1/me").then().statusCode(204);
            List<ConsumerRecord<String, String>> erased =
                    partnerEvents.await(r -> ivy.id().equals(r.key()), 1, Duration.ofSeconds(10));
            assertThat(CoupleApi.validTypes(erased)).containsExactly("hearth.partner.erased.v1");
        }
    }

    @Test
    void erasureHappensOnceAndEveryTokenOfThePersonIsRefusedAfterwards() throws Exception {
        Person jo = TestUsers.create("Jo");
        try (TopicReader partnerEvents = new TopicReader(Topics.PARTNER_EVENTS)) {
            as(jo).get("/v1/me").then().statusCode(200);
            partnerEvents.await(r -> jo.id().equals(r.key()), 1, Duration.ofSeconds(10)); // registered
            // A phone retrying on a flaky network, and a second device at the same moment.
            List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
            Thread other = new Thread(
                    () -> statuses.add(as(jo).delete("/v1/me").then().extract().statusCode()));
            other.start();
            statuses.add(as(jo).delete("/v1/me").then().extract().statusCode());
            other.join();
            statuses.add(as(jo).delete("/v1/me").then().extract().statusCode());
            assertThat(statuses).containsOnly(204);
            assertThat(CoupleApi.validTypes(
                            partnerEvents.await(r -> jo.id().equals(r.key()), 2, Duration.ofSeconds(10))))
                    .containsExactly("hearth.partner.registered.v1", "hearth.partner.erased.v1");
            // The token still in the phone cannot re-create the profile, or do anything else.
            as(jo).get("/v1/me")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", Matchers.startsWith("Bearer error=\"invalid_token\""))
                    .body("type", equalTo("https://hearth.app/problems/account-erased"));
            as(jo).body(Map.of("displayName", "Back")).patch("/v1/me").then().statusCode(401);
            as(jo).body(Map.of("relationshipKind", "ROMANTIC"))
                    .post("/v1/invitations")
                    .then()
                    .statusCode(401);
            assertThat(partnerEvents.pollFor(Duration.ofSeconds(2)).stream()
                            .filter(r -> jo.id().equals(r.key()))
                            .count())
                    .as("events about jo: registered, then erased once")
                    .isEqualTo(2);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> rowsMentioning(jo.id()).isEmpty());
        assertThat(TestUsers.loginExists(jo)).isFalse();
    }

    /** Rows of every table whose text mentions {@code needle}; with an empty needle, the outbox rows still waiting. */
    private List<String> rowsMentioning(String needle) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            if (needle.isEmpty()) {
                try (ResultSet rs = s.executeQuery("select event_type from outbox_event")) {
                    while (rs.next()) {
                        hits.add(rs.getString(1));
                    }
                }
                return hits;
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery("select table_name from information_schema.tables where table_schema = 'public' "
                            + "and table_type = 'BASE TABLE' and table_name not like 'flyway\\_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables)
                    .contains(
                            "partner",
                            "couple",
                            "couple_member",
                            "invitation",
                            "integration_grant",
                            "accept_attempt",
                            "outbox_event");
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("select t::text from " + table + " t where t::text like '%"
                        + needle.replace("'", "''") + "%'")) {
                    while (rs.next()) {
                        hits.add(table + ": " + rs.getString(1));
                    }
                }
            }
        }
        return hits;
    }

    @Inject
    PartnerService partners;

    /**
     * No resurrection (issue 24): a request checked against the ledger just before the person's erasure committed, whose
     * transaction runs after it or while it is still committing, must not create their profile again.
     */
    @Test
    void aProfileIsNotCreatedAgainByARequestCheckedJustBeforeTheErasure() throws Exception {
        Person gil = TestUsers.create("Gil");
        as(gil).get("/v1/me").then().statusCode(200);
        CompletableFuture<Throwable> meanwhile;
        try (HeldTransaction erasure = HeldTransaction.start(dataSource, () -> partners.erase(gil.id()))) {
            // The request's transaction starts while the erasure is still committing: it waits, then is refused.
            meanwhile = CompletableFuture.supplyAsync(() -> {
                try {
                    partners.update(
                            gil.id(),
                            "Gil",
                            new PartnerService.ProfileChanges(
                                    "Gil again", null, null, null, null, null, null, null, null),
                            IfMatch.none());
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThat(erasure.waitedOnBy(meanwhile))
                    .as("the request waits for the erasure")
                    .isTrue();
        }
        assertThat(meanwhile.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("erased");
        // And one whose transaction starts after the erasure committed finds no profile, and must not create one.
        Assertions.assertThatThrownBy(() -> partners.me(gil.id(), "Gil"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("erased");
        assertThat(Sql.number(dataSource, "select count(*) from partner where id = '" + gil.id() + "'"))
                .isZero();
    }
}
