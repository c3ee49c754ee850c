package app.hearth.couple;

import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.events.EventJson;
import app.hearth.events.EventSchemas;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The couple-service API as the tests drive it, with fresh people each time. */
final class CoupleApi {

    private CoupleApi() {}

    static String invite(Person inviter, String kind) {
        return as(inviter)
                .body(Map.of("relationshipKind", kind))
                .post("/v1/invitations")
                .then()
                .statusCode(201)
                .extract()
                .path("code");
    }

    static ValidatableResponse accept(Person invitee, String code) {
        return as(invitee).post("/v1/invitations/" + code + "/accept").then();
    }

    /** Two fresh people paired in a relationship of {@code kind}; returns the couple id. */
    static String pair(Person a, Person b, String kind) {
        return accept(b, invite(a, kind)).statusCode(201).extract().path("id");
    }

    record Pair(Person a, Person b, String coupleId) {}

    static Pair freshRomanticPair() {
        Person a = TestUsers.create("Alice");
        Person b = TestUsers.create("Bob");
        return new Pair(a, b, pair(a, b, "ROMANTIC"));
    }

    /** Asserts each record is a valid catalogue event and returns their types in order. */
    static List<String> validTypes(List<ConsumerRecord<String, String>> records) {
        for (ConsumerRecord<String, String> record : records) {
            assertThat(EventSchemas.validate(record.value())).as(record.value()).isEmpty();
            assertThat(EventJson.read(record.value()).subject()).isEqualTo(record.key());
        }
        return records.stream().map(r -> EventJson.read(r.value()).type()).toList();
    }
}
