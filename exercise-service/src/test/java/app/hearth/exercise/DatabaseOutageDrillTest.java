package app.hearth.exercise;

import static app.hearth.testsupport.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.events.CoupleEvents;
import app.hearth.testsupport.TestInfrastructure;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.Tokens;
import app.hearth.testsupport.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Fault drill: PostgreSQL is stopped under load (fast shutdown, every connection dropped) and started again five
 * seconds later. Requests during the outage get a 503 problem, never a
 * 500; readiness is down while the database is and up again after; events that arrive meanwhile are applied once it
 * is back; liveness stays up (a restart would not help); and all of it without restarting the service.
 */
@QuarkusTest
class DatabaseOutageDrillTest {

    @Test
    void theServiceRidesOutADatabaseOutageWithoutARestart() throws Exception {
        Person ana = TestUsers.create("Ana");
        Person ben = TestUsers.create("Ben");
        String couple = UUID.randomUUID().toString();
        TopicWriter.publish(
                CoupleEvents.FORMED,
                "/couple-service",
                couple,
                new CoupleEvents.CoupleFormed(
                        couple,
                        CoupleEvents.RelationshipKind.ROMANTIC,
                        List.of(ana.id(), ben.id()),
                        Instant.now(),
                        CoupleEvents.CheckInCadence.WEEKLY));
        String checkIns = "/v1/couples/" + couple + "/check-ins";
        await().atMost(Duration.ofSeconds(10)).until(() -> as(ana).get(checkIns).statusCode() == 200);

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            while (loading.get()) {
                int status = as(ana).get(checkIns).statusCode();
                statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                sleep(50);
            }
        });
        load.start();
        String partnerToken = Tokens.partnerApp("checkins.read");
        // PostgreSQL restarts (fast shutdown: every connection dropped), down for five seconds, while requests go on.
        Thread restart = new Thread(() -> TestInfrastructure.restartPostgres(Duration.ofSeconds(5)));
        Instant stopped = Instant.now();
        restart.start();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> given().get("/q/health/ready").statusCode() == 503);
        // Something happens elsewhere meanwhile: the couple grants a partner app.
        TopicWriter.publish(
                CoupleEvents.INTEGRATION_GRANTED,
                "/couple-service",
                couple,
                new CoupleEvents.IntegrationGranted(
                        couple, UUID.randomUUID().toString(), "partner-demo", Set.of("checkins.read"), null));
        // Liveness is about a wedged process, not the database: no restart while the consumer retries the grant.
        given().get("/q/health/live")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'event consumers' }.status", Matchers.equalTo("UP"));
        as(ana).get(checkIns)
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", Matchers.notNullValue());
        restart.join();
        Instant restored = Instant.now();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> as(ana).get(checkIns).statusCode() == 200);
        Duration recovery = Duration.between(restored, Instant.now());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().auth().oauth2(partnerToken).get(checkIns).statusCode() == 200);
        Duration eventsCaughtUp = Duration.between(restored, Instant.now());
        loading.set(false);
        load.join();
        System.out.printf(
                "[drill] PostgreSQL restarted (down %d ms): requests by status %s; API back %d ms after the "
                        + "database, event from the outage applied after %d ms%n",
                Duration.between(stopped, restored).toMillis(),
                statuses,
                recovery.toMillis(),
                eventsCaughtUp.toMillis());
        assertThat(statuses).doesNotContainKey(500).containsKeys(200, 503);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
