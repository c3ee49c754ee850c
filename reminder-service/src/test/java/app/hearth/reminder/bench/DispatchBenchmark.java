package app.hearth.reminder.bench;

import static app.hearth.testsupport.Benchmarks.arg;
import static app.hearth.testsupport.Benchmarks.log;
import static app.hearth.testsupport.Benchmarks.percentile;

import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.Topics;
import app.hearth.testsupport.HearthTestResource;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestInfrastructure;
import app.hearth.testsupport.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Benchmark (not a test): N reminders due in the same minute, fired by R replicas of the packaged reminder-service
 * sharing one PostgreSQL. Measures, from the moment each notification is committed (heard through the same
 * LISTEN/NOTIFY the live stream uses): fire rate, lateness p50/p99/max against the occurrence instant, duplicates
 * (in the database and as ReminderFired events on Kafka) and misses. Run with bench/reminder-dispatch; results are
 * appended to bench/results/reminder-dispatch.md.
 */
public final class DispatchBenchmark {

    public static void main(String[] args) throws Exception {
        int reminders = Integer.parseInt(arg(args, "--reminders", "100000"));
        int replicas = Integer.parseInt(arg(args, "--replicas", "2"));
        int spread = Integer.parseInt(arg(args, "--spread-seconds", "0"));
        Path out = Path.of(arg(args, "--out", "bench/results/reminder-dispatch.md"));
        String database = "reminders_bench";

        TestInfrastructure.ensureRunning();
        HearthTestResource.recreateDatabase(database);
        List<PeerServices.Instance> instances = new ArrayList<>();
        try {
            for (int i = 1; i <= replicas; i++) {
                instances.add(PeerServices.replica(
                        "reminder-service", database, "bench-reminder-" + i, Map.of("JAVA_XMX", "-Xmx512m")));
                log("replica " + i + " ready at " + instances.get(i - 1).url());
            }
            run(database, reminders, replicas, spread, out);
        } finally {
            for (PeerServices.Instance instance : instances) {
                instance.close();
            }
        }
    }

    /** What one burst gave: from the due instant to each notification's commit, and what was doubled or missed. */
    record Burst(
            int n,
            long committed,
            long heard,
            double seconds,
            List<Long> latenessMillis,
            long duplicateRows,
            long duplicateEvents,
            long misses,
            long events) {
        double rate() {
            return n / seconds;
        }

        long p(int percentile) {
            return percentile(latenessMillis, percentile);
        }

        long max() {
            return latenessMillis.isEmpty() ? -1 : latenessMillis.get(latenessMillis.size() - 1);
        }

        boolean exact() {
            return duplicateRows == 0 && duplicateEvents == 0 && misses == 0;
        }
    }

    /** Puts n people's work in place, all due at {@code due} (+ their share of the spread). */
    interface Loader {
        void load(Statement s, Instant due, String timeOfDay) throws Exception;
    }

    /** Hearth's own: n people, each with a personal daily reminder at the same UTC minute (FIXED zone: no calendars). */
    static Loader reminders(String prefix, int n, int spread) {
        return (s, due, timeOfDay) -> {
            s.executeUpdate(
                    "insert into reminder (id, owner_id, kind, title, rrule, start_date, time_of_day, zone_policy, "
                            + "fixed_zone, created_at, origin) select md5('" + prefix + "r-' || i)::uuid, '" + prefix
                            + "' || i, 'GRATITUDE', "
                            + "'Say one thing you appreciate', 'FREQ=DAILY', current_date - 1, time '" + timeOfDay
                            + "', 'FIXED', "
                            + "'UTC', now(), 'USER' from generate_series(1, " + n + ") i");
            s.executeUpdate("insert into reminder_recipient (reminder_id, partner_id, occurrence_at, next_fire_at) "
                    + "select md5('" + prefix + "r-' || i)::uuid, '" + prefix
                    + "' || i, t, t from (select i, timestamptz '" + due
                    + "' + (i - 1) * interval '1 millisecond' * " + (spread * 1000L) + " / " + n + " as t "
                    + "from generate_series(1, " + n + ") i) due");
        };
    }

    /**
     * {@code spread} 0: every reminder due at the same instant (a burst); otherwise person i is due i * spread / n
     * seconds into the minute (a steady load).
     */
    private static void run(String database, int n, int replicas, int spread, Path out) throws Exception {
        Burst b = burst(database, "bench-", n, spread, reminders("bench-", n, spread), () -> {});
        // The fire rate is what the replicas sustained: for a steady load it is the offered rate.
        String result = String.format(
                """

                ## %s: %,d reminders due %s, %d replicas

                | measure | value |
                |---|---|
                | machine | %d cores, %s |
                | notifications committed | %,d (NOTIFY heard %,d) |
                | fire rate (due instant to last commit) | %,.0f per second over %.1f s |
                | lateness p50 / p99 / max | %,d ms / %,d ms / %,d ms |
                | duplicates (database rows / ReminderFired events) | %d / %d |
                | misses (due, never fired) | %d |
                | ReminderFired events on the broker | %,d |
                """,
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                n,
                spread == 0 ? "at the same instant (a burst)" : "spread evenly over " + spread + " s",
                replicas,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                b.committed(),
                b.heard(),
                b.rate(),
                b.seconds(),
                b.p(50),
                b.p(99),
                b.max(),
                b.duplicateRows(),
                b.duplicateEvents(),
                b.misses(),
                b.events());
        Files.createDirectories(out.toAbsolutePath().getParent());
        if (!Files.exists(out)) {
            Files.writeString(
                    out,
                    "# reminder-service dispatch benchmark\n\nProduced by `bench/reminder-dispatch`; "
                            + "each run is appended.\n");
        }
        Files.writeString(out, result, StandardOpenOption.APPEND);
        System.out.println(result);
        if (!b.exact()) {
            throw new IllegalStateException("duplicates or misses: see " + out);
        }
    }

    /**
     * One burst: loads the work ({@code loader}, people named prefix + i), starts what fires it ({@code started},
     * after loading), and measures from the moment each notification is committed (heard through the same
     * LISTEN/NOTIFY the live stream uses) against its due instant; then counts duplicates (rows, and ReminderFired
     * events on the broker) and misses.
     */
    static Burst burst(String database, String prefix, int n, int spread, Loader loader, Runnable started)
            throws Exception {
        String url = TestInfrastructure.jdbcUrl(database);
        try (Connection db =
                        DriverManager.getConnection(url, TestInfrastructure.DB_USER, TestInfrastructure.DB_PASSWORD);
                Connection listen =
                        DriverManager.getConnection(url, TestInfrastructure.DB_USER, TestInfrastructure.DB_PASSWORD);
                TopicReader fired = new TopicReader(Topics.REMINDER_EVENTS)) {
            // The minute every reminder is due in: the next whole minute at least 40 s away (time to load).
            Instant due = Instant.now()
                    .plusSeconds(40)
                    .truncatedTo(ChronoUnit.MINUTES)
                    .plus(1, ChronoUnit.MINUTES);
            String timeOfDay = due.atOffset(ZoneOffset.UTC).toLocalTime().toString();
            long loadStart = System.nanoTime();
            try (Statement s = db.createStatement()) {
                loader.load(s, due, timeOfDay);
            }
            try (Statement s = listen.createStatement()) {
                s.execute("LISTEN hearth_notification");
            }
            log(String.format(
                    "loaded %d (%s) in %.1f s; all due at %s", n, prefix, (System.nanoTime() - loadStart) / 1e9, due));
            started.run();

            // Lateness: when each notification was committed (heard), minus the instant it was due.
            PGConnection pg = listen.unwrap(PGConnection.class);
            List<Long> latenessMillis = new ArrayList<>(n);
            Set<String> heard = new HashSet<>();
            int heardTotal = 0;
            Instant last = null;
            long deadline = System.nanoTime()
                    + Duration.between(Instant.now(), due).plusMinutes(10).toNanos();
            while (heard.size() < n && System.nanoTime() < deadline) {
                PGNotification[] batch = pg.getNotifications(1_000);
                if (batch == null) {
                    continue;
                }
                Instant now = Instant.now();
                for (PGNotification notification : batch) {
                    String partner = notification
                            .getParameter()
                            .substring(0, notification.getParameter().indexOf(' '));
                    if (!partner.startsWith(prefix)) {
                        continue;
                    }
                    heardTotal++;
                    if (heard.add(notification.getParameter())) {
                        long i = Long.parseLong(partner.substring(prefix.length()));
                        Instant dueAt = due.plusMillis((i - 1) * spread * 1000L / n);
                        latenessMillis.add(Duration.between(dueAt, now).toMillis());
                    }
                }
                last = now;
            }

            long rows;
            long duplicateRows;
            long misses;
            try (Statement s = db.createStatement()) {
                rows = single(s, "select count(*) from notification where partner_id like '" + prefix + "%'");
                duplicateRows = single(
                        s,
                        "select count(*) - count(distinct (reminder_id, occurrence_at, partner_id)) "
                                + "from notification where partner_id like '" + prefix + "%'");
                misses = n
                        - single(
                                s,
                                "select count(distinct partner_id) from notification where partner_id like '" + prefix
                                        + "%'");
            }
            // Every firing is also a ReminderFired event on the broker (through the outbox): exactly one each.
            List<ConsumerRecord<String, String>> events =
                    fired.await(r -> r.key() != null && r.key().startsWith(prefix), n, Duration.ofMinutes(5));
            Map<String, Integer> perOccurrence = new HashMap<>();
            for (ConsumerRecord<String, String> record : events) {
                EventEnvelope event = EventJson.read(record.value());
                perOccurrence.merge(
                        event.data().get("reminderId").asText() + "/"
                                + event.data().get("partnerId").asText() + "/"
                                + event.data().get("occurrenceAt").asText(),
                        1,
                        Integer::sum);
            }
            long duplicateEvents =
                    perOccurrence.values().stream().mapToLong(c -> c - 1).sum();
            Collections.sort(latenessMillis);
            double seconds =
                    last == null ? 0 : Math.max(Duration.between(due, last).toMillis(), 1) / 1000.0;
            return new Burst(
                    n,
                    rows,
                    heardTotal,
                    seconds,
                    latenessMillis,
                    duplicateRows,
                    duplicateEvents,
                    misses,
                    events.size());
        }
    }

    static long single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
