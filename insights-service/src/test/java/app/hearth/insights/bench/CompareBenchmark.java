package app.hearth.insights.bench;

import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestInfrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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

import static app.hearth.insights.bench.CheckInToInsightBenchmark.call;
import static app.hearth.insights.bench.CheckInToInsightBenchmark.field;
import static app.hearth.testsupport.Benchmarks.arg;
import static app.hearth.testsupport.Benchmarks.log;
import static app.hearth.testsupport.Benchmarks.percentile;

/**
 * bench/compare: Hearth's paths beside what people would use instead, in one run, on one database, with the same
 * clients, and the ratio. Phases alternate (Hearth, alternative, Hearth, alternative) so drift on a shared 2-core
 * machine hits both alike. Today: the insights read against the one-row read people compare it with
 * ({@code GET /v1/me}, same token checks). Appends a table to bench/results/compare.md.
 */
public final class CompareBenchmark {

    private CompareBenchmark() {
    }

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
        Path out = Path.of(arg(args, "--out", "bench/results/compare.md"));

        TestInfrastructure.ensureRunning();
        String coupleService = PeerServices.url("couple-service");
        String exercises = PeerServices.url("exercise-service");
        String insights = PeerServices.url("insights-service");
        log("services ready");

        // Couples with some weeks of check-ins, so insights have something to compute.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CheckInToInsightBenchmark.Couple> all = CheckInToInsightBenchmark.formCouples(coupleService, couples, pool, false);
        String body = "{\"mood\":\"CALM\",\"moodIntensity\":3,\"closeness\":5,\"satisfaction\":7,\"screenTime\":\"UNDER_1H\"}";
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

        Function<CheckInToInsightBenchmark.Couple, String> insightsRead = c -> insights + "/v1/couples/" + c.id() + "/insights";
        Function<CheckInToInsightBenchmark.Couple, String> meRead = c -> coupleService + "/v1/me";
        read(all, insightsRead, clients, 3); // warm-up, both
        read(all, meRead, clients, 3);
        List<Reads> hearth = new ArrayList<>();
        List<Reads> alternative = new ArrayList<>();
        for (int phase = 0; phase < 2; phase++) {
            hearth.add(read(all, insightsRead, clients, seconds));
            alternative.add(read(all, meRead, clients, seconds));
        }
        Reads h = merge(hearth);
        Reads a = merge(alternative);

        String settings;
        try (Connection c = DriverManager.getConnection(TestInfrastructure.jdbcUrl("postgres"), TestInfrastructure.DB_USER,
                TestInfrastructure.DB_PASSWORD); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select current_setting('fsync'), current_setting('synchronous_commit')")) {
            r.next();
            settings = "fsync=" + r.getString(1) + ", synchronous_commit=" + r.getString(2);
        }
        String result = String.format("""

                ## %s: %d clients, %d s per phase (Hearth and alternative alternating, twice)

                Machine: %d cores, %s; one PostgreSQL for both sides (%s), Kafka, Keycloak, the services and this harness
                all on it.

                | path | Hearth | the alternative, same database, same run | ratio | goal |
                |---|---|---|---|---|
                | `GET /v1/couples/{id}/insights` vs `GET /v1/me` (one-row read, same token checks) | %,.0f req/s, p50 %.1f ms, p99 %.1f ms (%d errors) | %,.0f req/s, p50 %.1f ms, p99 %.1f ms (%d errors) | %.2fx | >= 0.5x, p99 <= 20 ms |
                | reminder dispatch vs db-scheduler | not yet in bench/compare (bench/reminder-dispatch measures Hearth alone) | | | >= 2x |
                | check-in write vs the same SQL in pgbench | not yet in bench/compare | | | >= 0.5x |
                | launch to ready, RSS | not yet in bench/compare | | | <= 2.5 s, <= 200 MiB |
                """, Instant.now().truncatedTo(ChronoUnit.SECONDS), clients, seconds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), settings,
                h.perSecond(), percentile(h.micros(), 50) / 1000.0, percentile(h.micros(), 99) / 1000.0, h.errors(),
                a.perSecond(), percentile(a.micros(), 50) / 1000.0, percentile(a.micros(), 99) / 1000.0, a.errors(),
                h.perSecond() / a.perSecond());
        Files.createDirectories(out.toAbsolutePath().getParent());
        if (!Files.exists(out)) {
            Files.writeString(out, "# Hearth beside the alternatives\n\nProduced by `bench/compare`; each run is appended.\n");
        }
        Files.writeString(out, result, StandardOpenOption.APPEND);
        System.out.println(result);
        System.exit(0);
    }

    private static Reads read(List<CheckInToInsightBenchmark.Couple> all,
                              Function<CheckInToInsightBenchmark.Couple, String> url, int clients, int seconds) throws Exception {
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
                    CheckInToInsightBenchmark.Couple c = all.get(i++ % all.size());
                    long t = System.nanoTime();
                    try {
                        call("GET", url.apply(c), c.a(), null, 200);
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
