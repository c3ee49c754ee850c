package app.hearth.couple;

import app.hearth.couple.CoupleApi.Pair;
import app.hearth.events.EventJson;
import app.hearth.events.Topics;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.hearth.couple.CoupleApi.as;
import static app.hearth.couple.CoupleApi.invite;
import static app.hearth.couple.CoupleApi.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ErasureTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void exportHoldsEverythingAboutTheCaller() {
        Person erin = TestUsers.create("Erin");
        Person finn = TestUsers.create("Finn");
        String couple = pair(erin, finn, "FRIENDSHIP");
        String code = invite(erin, "FAMILY");
        as(erin).body(Map.of("clientId", "partner-demo", "scopes", List.of("couples.read")))
                .post("/v1/couples/" + couple + "/grants").then().statusCode(201);
        as(erin).get("/v1/me/export").then().statusCode(200)
                .body("profile.id", equalTo(erin.id()))
                .body("relationships.id", hasItem(couple))
                .body("invitations.code", hasItem(code))
                .body("grants", hasSize(1));
    }

    @Test
    void erasureForgetsThePersonAndTellsEveryOtherService() throws Exception {
        String unique = "Erin" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 4);
        Person erin = TestUsers.create(unique);
        Person finn = TestUsers.create("Finn");
        Pair pair = new Pair(erin, finn, pair(erin, finn, "ROMANTIC"));
        String friendship = pair(TestUsers.create("Gus"), erin, "FRIENDSHIP");
        invite(erin, "FAMILY");
        as(erin).body(Map.of("timeZone", "Europe/Paris", "attachmentStyle", "ANXIOUS")).patch("/v1/me").then().statusCode(200);
        String grant = as(erin).body(Map.of("clientId", "partner-demo", "scopes", List.of("couples.read")))
                .post("/v1/couples/" + pair.coupleId() + "/grants").then().statusCode(201).extract().path("id");
        as(finn).post("/v1/couples/" + pair.coupleId() + "/grants/" + grant + "/approve").then().statusCode(200);
        as(finn).post("/v1/invitations/ZZZZZ-ZZZZZ/accept"); // leaves nothing about erin
        as(erin).post("/v1/invitations/ZZZZZ-ZZZZZ/accept").then().statusCode(404); // a failed attempt row for erin

        try (TopicReader partnerEvents = new TopicReader(Topics.PARTNER_EVENTS);
             TopicReader coupleEvents = new TopicReader(Topics.COUPLE_EVENTS)) {
            as(erin).delete("/v1/me").then().statusCode(204);

            List<ConsumerRecord<String, String>> erased = partnerEvents.await(r -> erin.id().equals(r.key()), 1, Duration.ofSeconds(10));
            assertThat(CoupleApi.validTypes(erased)).containsExactly("hearth.partner.erased.v1");
            List<ConsumerRecord<String, String>> ended = coupleEvents.await(r -> pair.coupleId().equals(r.key()), 2, Duration.ofSeconds(10));
            assertThat(CoupleApi.validTypes(ended))
                    .containsExactly("hearth.couple.integration-revoked.v1", "hearth.couple.ended.v1");
            assertThat(EventJson.read(ended.get(1).value()).data().get("reason").asText()).isEqualTo("PARTNER_ERASED");
            coupleEvents.await(r -> friendship.equals(r.key()), 1, Duration.ofSeconds(10));
        }

        // The partner still sees the ended relationship, without the erased person in it.
        as(finn).get("/v1/couples/" + pair.coupleId()).then().statusCode(200)
                .body("status", equalTo("ENDED"))
                .body("members.partnerId", org.hamcrest.Matchers.contains(finn.id()));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rowsMentioning("") .isEmpty());
        assertThat(rowsMentioning(erin.id())).as("rows naming erin's id").isEmpty();
        assertThat(rowsMentioning(unique)).as("rows naming erin").isEmpty();
    }

    /** Rows of every table whose text mentions {@code needle}; with an empty needle, the outbox rows still waiting. */
    private List<String> rowsMentioning(String needle) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (needle.isEmpty()) {
                try (ResultSet rs = s.executeQuery("select event_type from outbox_event")) {
                    while (rs.next()) {
                        hits.add(rs.getString(1));
                    }
                }
                return hits;
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = 'public' "
                    + "and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("partner", "couple", "couple_member", "invitation", "integration_grant", "accept_attempt", "outbox_event");
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("select t::text from " + table + " t where t::text like '%" + needle.replace("'", "''") + "%'")) {
                    while (rs.next()) {
                        hits.add(table + ": " + rs.getString(1));
                    }
                }
            }
        }
        return hits;
    }
}
