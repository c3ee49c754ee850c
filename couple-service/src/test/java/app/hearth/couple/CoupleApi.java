package app.hearth.couple;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.events.EventJson;
import app.hearth.events.EventSchemas;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The couple-service API as the tests drive it, with fresh people each time. */
final class CoupleApi {

    private CoupleApi() {}

    static RequestSpecification as(Person person) {
        return given().auth()
                .oauth2(person.token())
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

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

    /** Sends the requests at the same moment (one thread each) and returns their answers in order. */
    static List<Response> concurrently(List<Callable<Response>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (var request : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (var future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
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
