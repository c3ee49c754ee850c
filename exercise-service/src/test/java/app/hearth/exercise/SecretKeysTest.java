package app.hearth.exercise;

import static app.hearth.testsupport.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.PartnerEvents;
import app.hearth.events.Topics;
import app.hearth.platform.privacy.Box;
import app.hearth.platform.privacy.SealedParts;
import app.hearth.testsupport.HearthTestResource;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.Sql;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TopicReader;
import app.hearth.testsupport.TopicWriter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Secret keys (issue 24): a service outside the local stack and tests refuses to start on a published default key,
 * saying which; one whose wrapping key differs from its peers' says so loudly (readiness and a metric); and a part
 * sealed with a key this service cannot unwrap is set aside on the dead-letter topic, never read as its owner erased.
 * The services started here are couple-service's packaged app, on a database of their own.
 */
@QuarkusTest
class SecretKeysTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aServiceRefusesToStartOnAPublishedDefaultKeyNamingIt() throws Exception {
        HearthTestResource.recreateDatabase("couples_keys_peer");
        assertThatThrownBy(() -> PeerServices.liveReplica(
                        "couple-service", "couples_keys_peer", "keys-default", Map.of("HEARTH_LOCAL_KEYS", "false")))
                .hasMessageContaining("exited while starting");
        assertThat(Files.readString(PeerServices.log("keys-default")))
                .contains("is the published local-only default")
                .containsPattern("HEARTH_[A-Z_]+_KEY");
    }

    @Test
    void aServiceWhoseWrappingKeyIsNotItsPeersSaysSo() throws Exception {
        // Someone registered, so the key topic holds a key its peers wrapped.
        as(TestUsers.create("Keyholder"))
                .body(Map.of("displayName", "Keyholder K"))
                .patch(PeerServices.url("couple-service") + "/v1/me")
                .then()
                .statusCode(200);
        Map<String, String> env = new HashMap<>();
        env.put("HEARTH_LOCAL_KEYS", "false");
        for (String key : new String[] {
            "HEARTH_ERASURE_HASH_KEY",
            "HEARTH_PSEUDONYM_KEY",
            "HEARTH_KEY_WRAPPING_KEY",
            "HEARTH_IDEMPOTENCY_KEY",
            "HEARTH_INVITATION_CODE_KEY",
            "HEARTH_WEBHOOK_SECRET_KEY"
        }) {
            env.put(key, randomKey());
        }
        HearthTestResource.recreateDatabase("couples_keys_peer");
        try (PeerServices.Instance replica =
                PeerServices.liveReplica("couple-service", "couples_keys_peer", "keys-other-wrapping", env)) {
            // Random keys of the right form are accepted: it starts. It cannot open its peers' keys, and says so.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get(replica.url() + "/q/health/ready")
                            .then()
                            .statusCode(503)
                            .body(containsString("HEARTH_KEY_WRAPPING_KEY differs")));
            given().get(replica.url() + "/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(Matchers.matchesPattern("(?s).*\\nhearth_person_keys_unopenable(\\{[^}]*\\})? [1-9].*"));
        }
    }

    /**
     * A part sealed with a key this service cannot unwrap is set aside on the dead-letter topic, never read as its owner
     * erased, and does not hold up what comes behind it on the channel: an erasure right after it applies.
     */
    @Test
    void aPartSealedWithAKeyThatCannotBeUnwrappedIsSetAsideAndTheErasureBehindItApplies() throws Exception {
        String person = "keys-" + UUID.randomUUID();
        String keyId = "couple-service:" + UUID.randomUUID();
        SecretKey dataKey = new SecretKeySpec(Base64.getDecoder().decode(randomKey()), "AES");
        SecretKey otherWrapping = new SecretKeySpec(Base64.getDecoder().decode(randomKey()), "AES");
        String recordKey = person + "/" + keyId;
        String keyTopic = Topics.personKeys("couple-service");
        TopicWriter.send(
                keyTopic,
                recordKey,
                "{\"partnerId\":\"" + person + "\",\"keyId\":\"" + keyId + "\",\"wrapped\":\""
                        + Box.box(
                                otherWrapping,
                                recordKey.getBytes(StandardCharsets.UTF_8),
                                Base64.getEncoder().encodeToString(dataKey.getEncoded()))
                        + "\"}");
        String behind = "keys-behind-" + UUID.randomUUID();
        try {
            TopicWriter.publish(
                    PartnerEvents.REGISTERED,
                    "/couple-service",
                    behind,
                    new PartnerEvents.PartnerRegistered(new PartnerEvents.PartnerProfile(
                            behind, "Behind", "UTC", "en", LocalTime.of(22, 0), LocalTime.of(7, 0), 4)));
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            Sql.number(dataSource, "select count(*) from partner_view where partner_id = ?", behind)
                                    == 1);
            EventEnvelope registered = EventEnvelope.create(
                    PartnerEvents.REGISTERED,
                    "/couple-service",
                    person,
                    new PartnerEvents.PartnerRegistered(new PartnerEvents.PartnerProfile(
                            person, "Sealed Name", "Europe/Rome", "en", LocalTime.of(22, 0), LocalTime.of(7, 0), 4)));
            String sealed =
                    SealedParts.seal(EventJson.write(registered), owner -> new SealedParts.KeyRef(keyId, dataKey));
            try (TopicReader deadLetters = new TopicReader(Topics.deadLetter("exercise-service"))) {
                TopicWriter.send(Topics.PARTNER_EVENTS, person, sealed);
                TopicWriter.publish(
                        PartnerEvents.ERASED, "/couple-service", behind, new PartnerEvents.PartnerErased(behind));
                var letters = deadLetters.await(r -> person.equals(r.key()), 1, Duration.ofSeconds(20));
                assertThat(new String(
                                letters.get(0)
                                        .headers()
                                        .lastHeader("dead-letter-reason")
                                        .value(),
                                StandardCharsets.UTF_8))
                        .contains("cannot unwrap");
            }
            // The channel went on: the erasure behind it applied. The person was not treated as erased either.
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            Sql.number(dataSource, "select count(*) from partner_view where partner_id = ?", behind)
                                    == 0);
            assertThat(Sql.number(dataSource, "select count(*) from partner_view where partner_id = ?", person))
                    .isZero();
            // One record among many that open does not make this service unready.
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            TopicWriter.send(keyTopic, recordKey, null); // the other tests' key readers need not see it
        }
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
