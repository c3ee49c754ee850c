package app.hearth.couple;

import static app.hearth.couple.CoupleApi.freshRomanticPair;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.couple.CoupleApi.Pair;
import app.hearth.events.EventJson;
import app.hearth.events.Topics;
import app.hearth.testsupport.BrokerOutage;
import app.hearth.testsupport.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Nothing lost: while the broker is down requests succeed and events wait; when it returns they all go out, in order. */
@QuarkusTest
class OutboxOutageTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void eventsWaitOutABrokerOutageAndArriveInOrder() throws Exception {
        Pair pair = freshRomanticPair();
        String couple = pair.coupleId();
        List<String> anniversaries = List.of("2020-01-01", "2020-01-02", "2020-01-03", "2020-01-04");
        try (TopicReader coupleEvents = new TopicReader(Topics.COUPLE_EVENTS)) {
            try (BrokerOutage outage = BrokerOutage.begin()) {
                for (String day : anniversaries) {
                    long t0 = System.nanoTime();
                    as(pair.a())
                            .header("If-Match", "*")
                            .body(Map.of("anniversary", day))
                            .patch("/v1/couples/" + couple)
                            .then()
                            .statusCode(200);
                    assertThat(Duration.ofNanos(System.nanoTime() - t0))
                            .as("a request does not wait for the broker")
                            .isLessThan(Duration.ofSeconds(5));
                }
                assertThat(waiting(couple)).isEqualTo(anniversaries.size());
                // Outlast the relay's send timeout (3 s in tests) so it really fails and retries, and the backlog
                // shows in the metrics.
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> backlogMetric() >= anniversaries.size());
            }
            // The relay may have handed a batch to the stalled broker before timing out, so a duplicate is possible;
            // consumers deduplicate on the event id. What matters: every event, in the order of the changes.
            Map<UUID, String> distinct = new LinkedHashMap<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                // The couple's formed event may arrive here too (published after the pairing's answer): not counted.
                coupleEvents.pollFor(Duration.ofMillis(500)).stream()
                        .filter(r -> couple.equals(r.key()))
                        .map(r -> EventJson.read(r.value()))
                        .filter(e -> e.type().equals("hearth.couple.updated.v1"))
                        .forEach(e -> distinct.putIfAbsent(
                                e.id(), e.data().path("anniversary").asText()));
                return distinct.size() >= anniversaries.size();
            });
            assertThat(distinct.values()).containsExactlyElementsOf(anniversaries);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waiting(couple) == 0);
        }
    }

    private static double backlogMetric() {
        String metrics = RestAssured.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(l -> l.startsWith("hearth_outbox_backlog"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }

    private int waiting(String key) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from outbox_event where event_key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
