package app.hearth.insights.bench;

import static app.hearth.insights.bench.CheckInToInsightBenchmark.call;
import static app.hearth.insights.bench.CheckInToInsightBenchmark.field;
import static app.hearth.testsupport.Benchmarks.arg;
import static app.hearth.testsupport.Benchmarks.log;
import static app.hearth.testsupport.Benchmarks.percentile;

import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * bench/compare: Hearth's paths beside what people would use instead, in one run, on one database, with the same
 * clients, and the ratio. Phases alternate (Hearth, alternative, Hearth, alternative) so drift on a shared 2-core
 * machine hits both alike. The insights read against the one-row read people compare it with ({@code GET /v1/me},
 * same token checks); a check-in edit through the API against the same statements run by pgbench. Each pair runs on
 * the tests' PostgreSQL (fsync off) and again with it restarted durable (fsync and synchronous commit on). Appends a
 * table to bench/results/compare.md.
 */
public final class CompareBenchmark {

    private CompareBenchmark() {}

    record Reads(List<Long> micros, long errors, double seconds) {
        double perSecond() {
            return micros.size() / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int couples = Integer.parseInt(arg(args, "--couples", "20"));
        int weeks = Integer.parseInt(arg(args, "--weeks", "8"));
        int clients = Integer.parseInt(arg(args, "--clients", "8"));
        int seconds = Integer.parseInt(arg(args, "--seconds", "10"));
        // The peers start cold and C2 is still compiling minutes in on 2 shared cores: without a long warm-up the
        // first database's rows measured a colder JVM than the second's (fsync off looked slower than fsync on).
        int warmup = Integer.parseInt(arg(args, "--warmup-seconds", "30"));
        Path out = Path.of(arg(args, "--out", "bench/results/compare.md"));

        TestInfrastructure.ensureRunning();
        String coupleService = PeerServices.url("couple-service");
        String exercises = PeerServices.url("exercise-service");
        String insights = PeerServices.url("insights-service");
        log("services ready");

        // Couples with some weeks of check-ins, so insights have something to compute.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CheckInToInsightBenchmark.Couple> all =
                CheckInToInsightBenchmark.formCouples(coupleService, couples, pool, false);
        String body =
                "{\"mood\":\"CALM\",\"moodIntensity\":3,\"closeness\":5,\"satisfaction\":7,\"screenTime\":\"UNDER_1H\"}";
        for (int week = 0; week < weeks; week++) {
            PeerServices.shiftClock("exercise-service", Duration.ofDays(7L * week));
            Thread.sleep(50);
            List<Future<?>> work = new ArrayList<>();
            for (CheckInToInsightBenchmark.Couple c : all) {
                work.add(pool.submit(() -> {
                    call("POST", exercises + "/v1/couples/" + c.id() + "/check-ins", c.a(), body, 201);
                    return call("POST", exercises + "/v1/couples/" + c.id() + "/check-ins", c.b(), body, 201);
                }));
            }
            for (Future<?> w : work) {
                w.get();
            }
        }
        PeerServices.shiftClock("exercise-service", Duration.ZERO);
        pool.shutdown();
        Thread.sleep(3000); // let the last events reach insights
        log(couples + " couples, " + weeks + " weeks of check-ins");

        // The write pair: partner a has checked in for a period still open (partner b has not), and edits it.
        PeerServices.shiftClock("exercise-service", Duration.ofDays(7L * (weeks + 1)));
        Thread.sleep(50);
        List<Target> targets = new ArrayList<>();
        for (CheckInToInsightBenchmark.Couple c : all) {
            String period =
                    field(call("POST", exercises + "/v1/couples/" + c.id() + "/check-ins", c.a(), body, 201), "period");
            targets.add(new Target(c, period, checkInId(c.id(), period)));
        }
        PeerServices.shiftClock("exercise-service", Duration.ZERO);
        Path scripts = Files.createTempDirectory("hearth-pgbench");
        for (int i = 0; i < targets.size(); i++) {
            Files.writeString(
                    scripts.resolve("edit-" + i + ".sql"), targets.get(i).sql());
        }

        Function<CheckInToInsightBenchmark.Couple, String> insightsRead =
                c -> insights + "/v1/couples/" + c.id() + "/insights";
        Function<CheckInToInsightBenchmark.Couple, String> meRead = c -> coupleService + "/v1/me";
        StringBuilder rows = new StringBuilder();
        List<String> settingsSeen = new ArrayList<>();
        for (boolean durable : new boolean[] {false, true}) {
            if (durable) {
                log("restarting PostgreSQL durable (fsync=on, synchronous_commit=on)");
                TestInfrastructure.restartPostgres(true);
            }
            String settings = settings();
            settingsSeen.add(settings);
            read(
                    all,
                    insightsRead,
                    clients,
                    warmup); // warm-up (the JIT), both (and, after a restart, the pools reconnect)
            read(all, meRead, clients, warmup);
            List<Reads> hearth = new ArrayList<>();
            List<Reads> alternative = new ArrayList<>();
            for (int phase = 0; phase < 2; phase++) {
                hearth.add(read(all, insightsRead, clients, seconds));
                alternative.add(read(all, meRead, clients, seconds));
            }
            rows.append(row(
                    "`GET /v1/couples/{id}/insights` vs `GET /v1/me` (one-row read, same token checks)",
                    settings,
                    merge(hearth),
                    merge(alternative),
                    ">= 0.5x, p99 <= 20 ms"));

            edits(targets, exercises, clients, warmup); // warm-up
            pgbench(scripts, targets.size(), clients, 5);
            List<Reads> hearthWrites = new ArrayList<>();
            List<Reads> sqlWrites = new ArrayList<>();
            for (int phase = 0; phase < 2; phase++) {
                hearthWrites.add(edits(targets, exercises, clients, seconds));
                sqlWrites.add(pgbench(scripts, targets.size(), clients, seconds));
            }
            rows.append(row(
                    "check-in edit `PUT .../check-ins/{period}/mine` vs the same statements in pgbench (lock the "
                            + "couple with the membership check, read the check-in and its submissions, update, commit)",
                    settings,
                    merge(hearthWrites),
                    merge(sqlWrites),
                    ">= 0.5x, p99 <= 20 ms"));
        }
        log("restarting PostgreSQL as the tests run it (fsync and synchronous commit off)");
        TestInfrastructure.restartPostgres(false);

        String result = String.format(
                """

                ## %s: %d clients, %d s per phase (Hearth and alternative alternating, twice, after %d s of warm-up each)

                Machine: %d cores, %s; one PostgreSQL for both sides (run once as %s, once restarted as %s), Kafka,
                Keycloak, the services and this harness all on it.

                | path | database | Hearth | the alternative, same database, same run | ratio | goal |
                |---|---|---|---|---|---|
                %s                """,
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                clients,
                seconds,
                warmup,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                settingsSeen.get(0),
                settingsSeen.get(1),
                rows);
        Files.createDirectories(out.toAbsolutePath().getParent());
        if (!Files.exists(out)) {
            Files.writeString(
                    out, "# Hearth beside the alternatives\n\nProduced by `bench/compare`; each run is appended.\n");
        }
        Files.writeString(out, result, StandardOpenOption.APPEND);
        System.out.println(result);
        System.exit(0);
    }

    /** A couple whose partner a has an open check-in, and the statements a hand-written edit of it would run. */
    record Target(CheckInToInsightBenchmark.Couple couple, String period, String checkInId) {
        String sql() {
            String couple = couple().id();
            String me = couple().a().id();
            return """
                    BEGIN;
                    SELECT c.couple_id FROM couple_view c WHERE c.couple_id = '%1$s' AND c.status = 'ACTIVE' AND EXISTS (SELECT 1 FROM couple_view_member m WHERE m.couple_id = c.couple_id AND m.partner_id = '%2$s') FOR UPDATE;
                    SELECT c.id, c.status, s.partner_id, s.mood, s.closeness FROM check_in c LEFT JOIN check_in_submission s ON s.check_in_id = c.id WHERE c.couple_id = '%1$s' AND c.period = '%3$s';
                    UPDATE check_in_submission SET mood = 'CALM', mood_intensity = 3, closeness = 5, satisfaction = 7, screen_time = 'UNDER_1H', gratitude = NULL, challenging = NULL, need = NULL, private_note = NULL, updated_at = now() WHERE check_in_id = '%4$s' AND partner_id = '%2$s';
                    COMMIT;
                    """.formatted(couple, me, period(), checkInId());
        }
    }

    private static String row(String path, String settings, Reads h, Reads a, String goal) {
        return String.format(
                "| %s | %s | %,.0f /s, p50 %.1f ms, p99 %.1f ms (%d errors) | %,.0f /s, p50 %.1f ms, p99 %.1f ms (%d errors) | %.2fx | %s |%n",
                path,
                settings,
                h.perSecond(),
                percentile(h.micros(), 50) / 1000.0,
                percentile(h.micros(), 99) / 1000.0,
                h.errors(),
                a.perSecond(),
                percentile(a.micros(), 50) / 1000.0,
                percentile(a.micros(), 99) / 1000.0,
                a.errors(),
                h.perSecond() / a.perSecond(),
                goal);
    }

    private static Connection database(String name) throws SQLException {
        return DriverManager.getConnection(
                TestInfrastructure.jdbcUrl(name), TestInfrastructure.DB_USER, TestInfrastructure.DB_PASSWORD);
    }

    private static String settings() throws Exception {
        try (Connection c = database("postgres");
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("select current_setting('fsync'), current_setting('synchronous_commit')")) {
            r.next();
            return "fsync=" + r.getString(1) + ", synchronous_commit=" + r.getString(2);
        }
    }

    private static String checkInId(String couple, String period) throws Exception {
        try (Connection c = database(PeerServices.database("exercise-service"));
                PreparedStatement s =
                        c.prepareStatement("select id from check_in where couple_id = ?::uuid and period = ?")) {
            s.setString(1, couple);
            s.setString(2, period);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    /** Partner a edits their open check-in through the API, each client going round the couples. */
    private static Reads edits(List<Target> targets, String exercises, int clients, int seconds) throws Exception {
        String body =
                "{\"mood\":\"CALM\",\"moodIntensity\":3,\"closeness\":5,\"satisfaction\":7,\"screenTime\":\"UNDER_1H\"}";
        return load(clients, seconds, i -> {
            Target t = targets.get(i % targets.size());
            call(
                    "PUT",
                    exercises + "/v1/couples/" + t.couple().id() + "/check-ins/" + t.period() + "/mine",
                    t.couple().a(),
                    body,
                    200);
        });
    }

    /** The same edits as raw SQL: pgbench, one script per couple (picked at random), latencies from its per-transaction log. */
    private static Reads pgbench(Path scripts, int targets, int clients, int seconds) throws Exception {
        Path logs = Files.createTempDirectory(scripts, "log");
        List<String> command = new ArrayList<>(List.of(
                "pgbench",
                "-h",
                TestInfrastructure.HOST,
                "-p",
                String.valueOf(TestInfrastructure.POSTGRES_PORT),
                "-U",
                TestInfrastructure.DB_USER,
                "-n",
                "-c",
                String.valueOf(clients),
                "-j",
                "2",
                "-T",
                String.valueOf(seconds),
                "-l",
                "--log-prefix",
                logs.resolve("tx").toString()));
        for (int i = 0; i < targets; i++) {
            command.add("-f");
            command.add(scripts.resolve("edit-" + i + ".sql") + "@1");
        }
        command.add(PeerServices.database("exercise-service"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", TestInfrastructure.DB_PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed: " + output);
        }
        List<Long> micros = new ArrayList<>();
        long failed = 0;
        try (var files = Files.list(logs)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 2 && f[2].matches("\\d+")) {
                        micros.add(Long.parseLong(f[2]));
                    } else {
                        failed++; // "failed" or "skipped" in place of the latency
                    }
                }
            }
        }
        Collections.sort(micros);
        return new Reads(micros, failed, seconds);
    }

    private static Reads read(
            List<CheckInToInsightBenchmark.Couple> all,
            Function<CheckInToInsightBenchmark.Couple, String> url,
            int clients,
            int seconds)
            throws Exception {
        return load(clients, seconds, i -> {
            CheckInToInsightBenchmark.Couple c = all.get(i % all.size());
            call("GET", url.apply(c), c.a(), null, 200);
        });
    }

    /** {@code clients} threads each doing {@code request} (given a running count) back to back for {@code seconds}. */
    private static Reads load(int clients, int seconds, IntConsumer request) throws Exception {
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<?>> work = new ArrayList<>();
        for (int r = 0; r < clients; r++) {
            int offset = r;
            work.add(pool.submit(() -> {
                int i = offset;
                while (System.nanoTime() < until) {
                    long t = System.nanoTime();
                    try {
                        request.accept(i++);
                        micros.add((System.nanoTime() - t) / 1_000);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : work) {
            w.get();
        }
        pool.shutdown();
        return new Reads(micros, errors.get(), seconds);
    }

    private static Reads merge(List<Reads> phases) {
        List<Long> all = new ArrayList<>();
        long errors = 0;
        double seconds = 0;
        for (Reads r : phases) {
            all.addAll(r.micros());
            errors += r.errors();
            seconds += r.seconds();
        }
        Collections.sort(all);
        return new Reads(all, errors, seconds);
    }
}
