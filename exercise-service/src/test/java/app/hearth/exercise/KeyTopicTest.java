package app.hearth.exercise;

import static app.hearth.testsupport.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.events.Topics;
import app.hearth.platform.privacy.Box;
import app.hearth.platform.privacy.PersonKeyring;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestKeyring;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Issue 24: a person's data key changes only through its writer, and only to erase. Whoever else can write a key
 * topic (a stolen credential; the test broker has no ACLs, so this test plays that role) cannot tombstone, replace or
 * shadow a key: this service keeps the key it knows, and the key's writer (couple-service, running as a peer)
 * publishes it again so compaction keeps the true one. A real erasure still removes every key of the person.
 */
@QuarkusTest
class KeyTopicTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SecretKey LOCAL_WRAPPING = Box.keyFromPassphrase("local-only-key-wrapping-key");

    @Inject
    PersonKeyring keyring;

    @Test
    void forgedTombstonesReplacementsAndForeignIdsChangeNoKeyAndErasureStillShreds() {
        Person ana = TestUsers.create("Ana");
        String couples = PeerServices.url("couple-service");
        as(ana).body(Map.of("displayName", "Ana Keys"))
                .patch(couples + "/v1/me")
                .then()
                .statusCode(200);
        // couple-service sealed her name with a key of its own, on its own key topic.
        List<String> ids = await().atMost(Duration.ofSeconds(20))
                .until(() -> TestKeyring.read().keyIdsOf(ana.id()), l -> !l.isEmpty());
        String keyId = ids.get(0);
        assertThat(keyId).startsWith("couple-service:");
        byte[] original = TestKeyring.read().key(ana.id(), keyId).orElseThrow().getEncoded();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> keyring.key(ana.id(), keyId).isPresent());
        String topic = Topics.personKeys("couple-service");
        String recordKey = ana.id() + "/" + keyId;

        // A forged tombstone: the key's writer publishes the key again, and nobody forgot it meanwhile.
        TopicWriter.send(topic, recordKey, null);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> TestKeyring.read().key(ana.id(), keyId).isPresent());
        keyring.awaitCaughtUp();
        assertThat(keyring.key(ana.id(), keyId).orElseThrow().getEncoded()).isEqualTo(original);

        // A forged replacement, validly wrapped: ignored here, and the true key is the latest on the topic again.
        TopicWriter.send(topic, recordKey, wrapped(ana.id(), keyId, randomKey()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Arrays.equals(
                        TestKeyring.read().key(ana.id(), keyId).orElseThrow().getEncoded(), original));
        keyring.awaitCaughtUp();
        assertThat(keyring.key(ana.id(), keyId).orElseThrow().getEncoded()).isEqualTo(original);

        // A key id in another writer's name, on a topic that writer does not own: never taken.
        String foreign = "couple-service:" + UUID.randomUUID();
        String foreignRecord = ana.id() + "/" + foreign;
        TopicWriter.send(Topics.personKeys("exercise-service"), foreignRecord, wrapped(ana.id(), foreign, randomKey()));
        keyring.awaitCaughtUp();
        assertThat(keyring.key(ana.id(), foreign)).isEmpty();
        TopicWriter.send(Topics.personKeys("exercise-service"), foreignRecord, null);

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("hearth_person_keys_refused_total\\{[^}]*record=\"replacement\"[^}]*\\} [1-9]")
                .containsPattern("hearth_person_keys_refused_total\\{[^}]*record=\"foreign-id\"[^}]*\\} [1-9]");

        // Her erasure: couple-service tombstones the keys it wrote, and every service forgets them.
        as(ana).delete(couples + "/v1/me").then().statusCode(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestKeyring.read().keyIdsOf(ana.id()).isEmpty());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> keyring.key(ana.id(), keyId).isEmpty());
    }

    private static String wrapped(String person, String keyId, SecretKey key) {
        String box = Box.box(
                LOCAL_WRAPPING,
                (person + "/" + keyId).getBytes(StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(key.getEncoded()));
        return "{\"partnerId\":\"" + person + "\",\"keyId\":\"" + keyId + "\",\"wrapped\":\"" + box + "\"}";
    }

    private static SecretKey randomKey() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return new SecretKeySpec(raw, "AES");
    }
}
