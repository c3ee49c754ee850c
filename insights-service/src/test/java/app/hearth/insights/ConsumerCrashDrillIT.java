package app.hearth.insights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.events.CoupleEvents;
import app.hearth.events.ExerciseEvents;
import app.hearth.testsupport.HearthTestResource;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.Sql;
import app.hearth.testsupport.TestInfrastructure;
import app.hearth.testsupport.Tokens;
import app.hearth.testsupport.TopicWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Fault drill: a consumer (a packaged insights-service with a database and consumer groups of its own) is killed with
 * SIGKILL again and again while check-ins flow, and restarted each time. Once it has caught up, its facts equal
 * exactly what was sent (nothing lost, nothing counted twice), and two full replays from the topics leave them
 * byte for byte the same. An integration test (failsafe): it runs this module's packaged app, built after the unit
 * tests.
 */
class ConsumerCrashDrillIT {
    static final int COUPLES = 20;
    static final int PERIODS = 12;
    static final int KILLS = 3;
    static final String DATABASE = "insights_drill";

    @Test
    void aConsumerKilledRepeatedlyWhileEventsFlowEndsWithExactlyWhatWasSent() throws Exception {
        HearthTestResource.recreateDatabase(DATABASE);
        Map<String, String> env = new HashMap<>();
        for (String channel : List.of("couple-events", "partner-events")) {
            env.put("MP_MESSAGING_INCOMING_" + channel.toUpperCase().replace('-', '_') + "_GROUP_ID", "insights-drill");
        }
        for (String channel : List.of(
                "facts-couple-events", "facts-partner-events", "facts-exercise-events", "facts-reminder-events")) {
            env.put(
                    "MP_MESSAGING_INCOMING_" + channel.toUpperCase().replace('-', '_') + "_GROUP_ID",
                    "insights-drill-facts");
        }
        List<String> couples = new ArrayList<>();
        for (int i = 0; i < COUPLES; i++) {
            couples.add(UUID.randomUUID().toString());
        }
        long expectedCloseness = 0;
        List<Consumer<TopicWriter.Session>> sends = new ArrayList<>();
        for (String couple : couples) {
            sends.add(w -> w.publish(
                    CoupleEvents.FORMED,
                    "/couple-service",
                    couple,
                    new CoupleEvents.CoupleFormed(
                            couple,
                            CoupleEvents.RelationshipKind.ROMANTIC,
                            List.of("a-" + couple, "b-" + couple),
                            Instant.parse("2026-01-01T00:00:00Z"),
                            CoupleEvents.CheckInCadence.WEEKLY)));
        }
        for (int week = 1; week <= PERIODS; week++) {
            String period = String.format("2026-W%02d", week);
            for (int c = 0; c < COUPLES; c++) {
                String couple = couples.get(c);
                int a = 1 + (c + week) % 7;
                int b = 1 + (c * 3 + week) % 7;
                expectedCloseness += a + b;
                sends.add(w -> w.publish(
                        ExerciseEvents.CHECK_IN_COMPLETED,
                        "/exercise-service",
                        couple,
                        new ExerciseEvents.CheckInCompleted(
                                couple,
                                period,
                                CoupleEvents.CheckInCadence.WEEKLY,
                                Instant.parse("2026-03-01T00:00:00Z"),
                                List.of(
                                        new ExerciseEvents.CheckInScores(
                                                "a-" + couple,
                                                ExerciseEvents.Mood.CALM,
                                                3,
                                                a,
                                                6,
                                                ExerciseEvents.ScreenTime.UNDER_1H),
                                        new ExerciseEvents.CheckInScores(
                                                "b-" + couple,
                                                ExerciseEvents.Mood.CALM,
                                                3,
                                                b,
                                                6,
                                                ExerciseEvents.ScreenTime.UNDER_1H)))));
            }
        }
        String inList = couples.stream()
                .map(c -> "'" + c + "'")
                .reduce((x, y) -> x + "," + y)
                .orElseThrow();

        PeerServices.Instance consumer = PeerServices.replica("insights-service", DATABASE, "insights-drill", env);
        Thread producer = new Thread(() -> {
            try (TopicWriter.Session writer = TopicWriter.session()) {
                sends.forEach(send -> {
                    send.accept(writer);
                    sleep(80); // a steady stream that outlasts the kills
                });
            }
        });
        long started = System.nanoTime();
        producer.start();
        List<Long> restartMillis = new ArrayList<>();
        try {
            for (int kill = 0; kill < KILLS; kill++) {
                Thread.sleep(1500);
                consumer.process().destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no commit
                long t0 = System.nanoTime();
                consumer = PeerServices.replica("insights-service", DATABASE, "insights-drill", env);
                restartMillis.add((System.nanoTime() - t0) / 1_000_000);
            }
            producer.join();
            int expectedScores = COUPLES * PERIODS * 2;
            // Both topics caught up: couple-events carries every earlier test's couples too, so after the last kill
            // its backlog can take longer to replay than the drill's check-ins on exercise-events.
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> Sql.number(
                                            Sql.database(DATABASE),
                                            "select count(*) from check_in_score where couple_id in (" + inList + ")")
                                    == expectedScores
                            && Sql.number(
                                            Sql.database(DATABASE),
                                            "select count(*) from couple_fact where couple_id in (" + inList + ")")
                                    == COUPLES);
            long caughtUpMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(Sql.number(
                            Sql.database(DATABASE),
                            "select coalesce(sum(closeness), 0) from check_in_score where couple_id in (" + inList
                                    + ")"))
                    .isEqualTo(expectedCloseness);
            assertThat(Sql.number(
                            Sql.database(DATABASE),
                            "select count(*) from couple_fact where couple_id in (" + inList + ")"))
                    .isEqualTo(COUPLES);
            assertThat(
                            Sql.number(
                                    Sql.database(DATABASE),
                                    "select count(*) from inbox_event where consumer = 'insights-facts' and event_type like '%check-in-completed%'"))
                    .as("each check-in applied once")
                    .isGreaterThanOrEqualTo(COUPLES * PERIODS);
            String before = dump(inList);
            String ops = Tokens.user("olivia");
            for (int replay = 0; replay < 2; replay++) {
                given().auth()
                        .oauth2(ops)
                        .post(consumer.url() + "/v1/ops/projections/rebuild")
                        .then()
                        .statusCode(202);
                PeerServices.Instance running = consumer;
                await().atMost(Duration.ofMinutes(3))
                        .until(() -> "DONE"
                                .equals(given().auth()
                                        .oauth2(ops)
                                        .get(running.url() + "/v1/ops/projections/rebuild")
                                        .then()
                                        .extract()
                                        .path("state")));
                assertThat(dump(inList)).as("after replay " + (replay + 1)).isEqualTo(before);
            }
            System.out.printf(
                    "[drill] consumer killed %d times (SIGKILL) while %d events were sent: restarts took %s ms; "
                            + "caught up %d ms after the first event; %d scores expected, %d found, 0 lost, 0 counted twice; "
                            + "two full replays identical%n",
                    KILLS,
                    sends.size(),
                    restartMillis,
                    caughtUpMillis,
                    expectedScores,
                    Sql.number(
                            Sql.database(DATABASE),
                            "select count(*) from check_in_score where couple_id in (" + inList + ")"));
        } finally {
            consumer.close();
        }
    }

    private static String dump(String inList) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(
                        TestInfrastructure.jdbcUrl(DATABASE),
                        TestInfrastructure.DB_USER,
                        TestInfrastructure.DB_PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select couple_id, period, partner_id, closeness, satisfaction, mood, screen_time, completed_at from check_in_score "
                                + "where couple_id in (" + inList + ") order by couple_id, period, partner_id")) {
            while (rs.next()) {
                for (int i = 1; i <= 8; i++) {
                    out.append(rs.getString(i)).append('|');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
