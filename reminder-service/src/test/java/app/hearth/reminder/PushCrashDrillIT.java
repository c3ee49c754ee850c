package app.hearth.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.testsupport.HearthTestResource;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestInfrastructure;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Fault drill: a replica is killed with SIGKILL while its pushes are in flight (the push service has taken them and
 * not answered). Another replica sends them again once their lease runs out: nothing is lost, and each push arrives at
 * most twice, the second with the same {@code Topic}, so a push service that has not delivered the first replaces
 * it (RFC 8030 §5.4) — at least once, as the protocol allows, never more. An integration test (failsafe): it runs
 * this module's packaged app.
 */
class PushCrashDrillIT {
    static final int PEOPLE = 10;
    static final String DATABASE = "reminders_push_drill";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aReplicaKilledMidPushLosesNothingAndAPushArrivesAtMostTwice() throws Exception {
        HearthTestResource.recreateDatabase(DATABASE);
        Map<String, String> env = Map.of(
                "HEARTH_REMINDERS_WEBHOOKS_ALLOW_LOOPBACK_HTTP", "true", // the push service is on this machine
                "HEARTH_REMINDERS_PUSH_TIMEOUT", "PT5S"); // a lease of 40 s
        try (PushBrowser browser = new PushBrowser("201")) {
            CountDownLatch answer = new CountDownLatch(1);
            browser.holdAnswersUntil(answer);
            PeerServices.Instance first = PeerServices.replica("reminder-service", DATABASE, "push-drill-1", env);
            load(browser);
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.pushed.size() >= PEOPLE);
            first.process().destroyForcibly().waitFor(); // SIGKILL, mid-delivery
            answer.countDown();
            browser.holdAnswersUntil(null);
            assertThat(count("select count(*) from push_delivery where status = 'DELIVERED'"))
                    .as("nothing was marked delivered")
                    .isZero();

            try (PeerServices.Instance second =
                    PeerServices.replica("reminder-service", DATABASE, "push-drill-2", env)) {
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> count("select count(*) from push_delivery where status = 'DELIVERED'") == PEOPLE);
            }
            Thread.sleep(2_000); // anything sent a third time would have arrived
            Map<String, Integer> perNotification = new HashMap<>();
            Map<String, String> topics = new HashMap<>();
            for (PushBrowser.Pushed push : browser.pushed) {
                String notification = JSON.readTree(browser.decrypt(push.body()))
                        .path("notificationId")
                        .asText();
                perNotification.merge(notification, 1, Integer::sum);
                String topic = push.headers().get("topic");
                assertThat(topics.putIfAbsent(notification, topic)).isIn(null, topic);
            }
            assertThat(perNotification).hasSize(PEOPLE);
            assertThat(perNotification.values()).allMatch(n -> n == 2);
            assertThat(count("select count(*) from notification")).isEqualTo(PEOPLE);
        }
    }

    /** People with a device on the browser's push service and a daily reminder due a moment ago. */
    private static void load(PushBrowser browser) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, String> keys = (Map<String, String>) browser.subscription().get("keys");
        try (Connection db = connection();
                Statement s = db.createStatement()) {
            for (String sql : List.of(
                    "insert into push_device (id, person_id, platform, name, address, p256dh, auth, created_at, "
                            + "refreshed_at) select gen_random_uuid(), 'drill-' || i, 'WEB_PUSH', 'drill', '"
                            + browser.endpoint() + "/' || i, '" + keys.get("p256dh") + "', '" + keys.get("auth")
                            + "', now(), now() from generate_series(1, " + PEOPLE + ") i",
                    "insert into reminder (id, owner_id, kind, title, rrule, start_date, time_of_day, zone_policy, "
                            + "fixed_zone, created_at, origin) select md5('drill-' || i)::uuid, 'drill-' || i, "
                            + "'GRATITUDE', 'Say one thing you appreciate', 'FREQ=DAILY', current_date - 1, "
                            + "(now() at time zone 'UTC')::time, 'FIXED', 'UTC', now(), 'USER' "
                            + "from generate_series(1, " + PEOPLE + ") i",
                    "insert into reminder_recipient (reminder_id, partner_id, occurrence_at, next_fire_at) "
                            + "select md5('drill-' || i)::uuid, 'drill-' || i, date_trunc('second', now()), now() "
                            + "from generate_series(1, " + PEOPLE + ") i")) {
                s.executeUpdate(sql);
            }
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection db = connection();
                Statement s = db.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connection() throws Exception {
        return DriverManager.getConnection(
                TestInfrastructure.jdbcUrl(DATABASE), TestInfrastructure.DB_USER, TestInfrastructure.DB_PASSWORD);
    }
}
