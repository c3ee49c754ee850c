package app.hearth.insights;

import static app.hearth.testsupport.Api.as;
import static app.hearth.testsupport.Api.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.testsupport.DatabaseScan;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 30's drill, on the real broker with all four services: two people pair and one of them erases their account at
 * once, many times and several at a time, so each service's consumers see the pairing (couple-events) and the erasure
 * (partner-events) in either order and at the same moment. Afterwards no table of any service's database mentions
 * any of the erased people.
 */
@QuarkusTest
class PairThenEraseDrillTest {
    private static final int RUNS = 24;
    private static final int AT_ONCE = 4;

    @Test
    void pairingThenErasingAtOnceLeavesNoTraceAnywhere() throws Exception {
        String couples = PeerServices.url("couple-service");
        PeerServices.url("exercise-service");
        PeerServices.url("reminder-service");
        List<Person> erased = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<Person>> runs = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                boolean inviterLeaves = run % 2 == 0;
                runs.add(pool.submit(() -> {
                    Person inviter = TestUsers.create("Drill");
                    Person invitee = TestUsers.create("Drill");
                    pair(couples, inviter, invitee, "ROMANTIC");
                    Person leaving = inviterLeaves ? inviter : invitee;
                    as(leaving).delete(couples + "/v1/me").then().statusCode(204);
                    return leaving;
                }));
            }
            for (Future<Person> run : runs) {
                erased.add(run.get());
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, String> databases = Map.of(
                "couple-service",
                PeerServices.database("couple-service"),
                "exercise-service",
                PeerServices.database("exercise-service"),
                "reminder-service",
                PeerServices.database("reminder-service"),
                "insights-service",
                "insights_test");
        // Every service applies the erasure and the couple's events within seconds; the traces are read until then.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(traces(databases, erased)).isEmpty());
        // And they stay gone: nothing applied late (an ended couple, a replay) brings anyone back.
        Thread.sleep(3000);
        List<String> after = traces(databases, erased);
        System.out.printf(
                "pair-then-erase drill: %d runs, %d at a time; rows mentioning an erased person afterwards: %d%n",
                RUNS, AT_ONCE, after.size());
        assertThat(after).isEmpty();
    }

    private static List<String> traces(Map<String, String> databases, List<Person> people) {
        List<String> found = new ArrayList<>();
        databases.forEach((service, database) -> people.forEach(person ->
                DatabaseScan.rowsMentioning(database, person.id()).forEach(row -> found.add(service + " " + row))));
        return found;
    }
}
