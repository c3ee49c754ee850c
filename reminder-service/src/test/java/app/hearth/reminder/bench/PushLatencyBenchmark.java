package app.hearth.reminder.bench;

import static app.hearth.testsupport.Benchmarks.arg;
import static app.hearth.testsupport.Benchmarks.log;
import static app.hearth.testsupport.Benchmarks.percentile;

import app.hearth.reminder.PushBrowser;
import app.hearth.testsupport.HearthTestResource;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestInfrastructure;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (not a test): N people, each with a browser subscribed to Web Push and a daily reminder due at the same
 * instant, one packaged reminder-service. Measures each reminder's trip from its due instant to the encrypted message
 * arriving at the loopback push service (every message is then decrypted with the browser's key, as the browser
 * would): p50/p99/max, duplicates and misses. Run with bench/push-latency; results are appended to
 * bench/results/push-latency.md.
 */
public final class PushLatencyBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(arg(args, "--reminders", "300"));
        Path out = Path.of(arg(args, "--out", "bench/results/push-latency.md"));
        String database = "reminders_push_bench";
        TestInfrastructure.ensureRunning();
        HearthTestResource.recreateDatabase(database);
        try (PushBrowser browser = new PushBrowser("201");
                PeerServices.Instance replica = PeerServices.replica(
                        "reminder-service",
                        database,
                        "bench-push",
                        // The push service is on this machine: the local-mode exception for loopback receivers.
                        Map.of("JAVA_XMX", "-Xmx512m", "HEARTH_REMINDERS_WEBHOOKS_ALLOW_LOOPBACK_HTTP", "true"))) {
            log("replica ready at " + replica.url());
            run(database, n, browser, out);
        }
    }

    private static void run(String database, int n, PushBrowser browser, Path out) throws Exception {
        String prefix = "bench-push-";
        Instant due =
                Instant.now().plusSeconds(40).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        String timeOfDay = due.atOffset(ZoneOffset.UTC).toLocalTime().toString();
        @SuppressWarnings("unchecked")
        Map<String, String> keys = (Map<String, String>) browser.subscription().get("keys");
        try (Connection db = DriverManager.getConnection(
                        TestInfrastructure.jdbcUrl(database),
                        TestInfrastructure.DB_USER,
                        TestInfrastructure.DB_PASSWORD);
                Statement s = db.createStatement()) {
            DispatchBenchmark.reminders(prefix, n, 0).load(s, due, timeOfDay);
            s.executeUpdate(
                    "insert into push_device (id, person_id, platform, name, address, p256dh, auth, created_at, "
                            + "refreshed_at) select gen_random_uuid(), '" + prefix + "' || i, 'WEB_PUSH', 'bench', '"
                            + browser.endpoint() + "/' || i, '" + keys.get("p256dh") + "', '" + keys.get("auth")
                            + "', now(), now() from generate_series(1, " + n + ") i");
        }
        log(String.format("loaded %d reminders and devices; all due at %s", n, due));

        long deadline = System.nanoTime()
                + Duration.between(Instant.now(), due).plusMinutes(5).toNanos();
        while (browser.pushed.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(3_000); // anything sent twice arrives now
        List<Long> latency = new ArrayList<>();
        Map<String, Integer> perNotification = new HashMap<>();
        int decrypted = 0;
        for (PushBrowser.Pushed push : browser.pushed) {
            String notification = JSON.readTree(browser.decrypt(push.body()))
                    .path("notificationId")
                    .asText();
            decrypted++;
            perNotification.merge(notification, 1, Integer::sum);
            latency.add(Duration.between(due, push.at()).toMillis());
        }
        Collections.sort(latency);
        long duplicates =
                perNotification.values().stream().mapToLong(c -> c - 1).sum();
        long misses = n - perNotification.size();
        String result = String.format(
                """

                ## %s: %,d reminders due at the same instant, each pushed to its own browser (Web Push), 1 replica

                | measure | value |
                |---|---|
                | machine | %d cores, %s |
                | pushes received and decrypted | %,d of %,d |
                | due instant to push received: p50 / p99 / max | %,d ms / %,d ms / %,d ms |
                | duplicates / misses | %d / %d |
                """,
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                n,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                decrypted,
                n,
                percentile(latency, 50),
                percentile(latency, 99),
                latency.isEmpty() ? -1 : latency.get(latency.size() - 1),
                duplicates,
                misses);
        Files.createDirectories(out.toAbsolutePath().getParent());
        if (!Files.exists(out)) {
            Files.writeString(
                    out,
                    "# reminder-service push latency benchmark\n\nProduced by `bench/push-latency`; each run is "
                            + "appended. The trip measured: the dispatcher fires the occurrence (notification and "
                            + "push delivery committed together), the sender claims the delivery, encrypts it to "
                            + "the browser's keys (RFC 8291), signs VAPID (RFC 8292) and posts it to the push "
                            + "service on loopback. The sender runs every second (`hearth.reminders.push.send-"
                            + "interval`), which bounds the wait after the commit.\n");
        }
        Files.writeString(out, result, StandardOpenOption.APPEND);
        System.out.println(result);
        if (duplicates > 0 || misses > 0) {
            throw new IllegalStateException("duplicates or misses: see " + out);
        }
    }
}
