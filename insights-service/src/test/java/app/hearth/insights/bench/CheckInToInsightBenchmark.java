package app.hearth.insights.bench;

import static app.hearth.testsupport.Benchmarks.arg;
import static app.hearth.testsupport.Benchmarks.cpuSeconds;
import static app.hearth.testsupport.Benchmarks.log;
import static app.hearth.testsupport.Benchmarks.percentile;

import app.hearth.testsupport.Benchmarks;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestInfrastructure;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Benchmark (not a test): the packaged couple-, exercise- and insights-service on the test infrastructure. C couples
 * check in every "week" for R rounds (both services' clocks moved a week per round), so C x R weeks complete, after
 * W rounds of warm-up run alike but not counted (the peers are launched for the run, so they start cold). The
 * check-ins are paced at a set rate (open loop: a couple's two check-ins start on schedule whether or not earlier ones
 * have answered), and completing check-ins are probed one at a time (the next one that completes after the last probe
 * ended): from exercise-service accepting it (its 201) to the week showing complete in the couple's insights timeline,
 * polled every 5 ms as the member. Only the one probe polls, so the load is the check-ins, not the measuring. Then T threads read GET /v1/couples/{id}/insights for S
 * seconds: throughput and latency p50/p99. Run with bench/insights-latency; results are appended to
 * bench/results/insights-latency.md.
 */
public final class CheckInToInsightBenchmark {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CHECK_IN =
            "{\"mood\":\"CALM\",\"moodIntensity\":3,\"closeness\":5,\"satisfaction\":7,\"screenTime\":\"UNDER_1H\"}";

    record Couple(String id, Person a, Person b) {}

    public static void main(String[] args) throws Exception {
        int couples = Integer.parseInt(arg(args, "--couples", "100"));
        int rounds = Integer.parseInt(arg(args, "--rounds", "20"));
        // The peers are launched for the run: their first rounds are JIT warm-up, run the same way but not counted.
        int warmup = Integer.parseInt(arg(args, "--warmup", "5"));
        int rate = Integer.parseInt(arg(args, "--rate", "200"));
        int readers = Integer.parseInt(arg(args, "--readers", "8"));
        int readSeconds = Integer.parseInt(arg(args, "--read-seconds", "20"));
        Path out = Path.of(arg(args, "--out", "bench/results/insights-latency.md"));

        TestInfrastructure.ensureRunning();
        String coupleService = PeerServices.url("couple-service");
        String exercises = PeerServices.url("exercise-service");
        String insights = PeerServices.url("insights-service");
        log("services ready");

        // Enough threads that a slow answer does not hold the schedule back (open loop).
        ExecutorService pool = Executors.newFixedThreadPool(64);
        ExecutorService forming = Executors.newFixedThreadPool(8);
        List<Couple> all = formCouples(coupleService, couples, forming, true);
        forming.shutdown();
        log(couples + " couples formed");

        List<Long> visible = Collections.synchronizedList(new ArrayList<>());
        List<Long> accepts = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean probing = new AtomicBoolean();
        long pairIntervalNanos = 2_000_000_000L / rate;
        long loadNanos = 0;
        // What each part of the stack spends per check-in (processes found by their command lines, the first pattern
        // that matches wins: JVM class paths name postgres jars, so PostgreSQL's own processes come last).
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("exercise-service", "exercise-service/target/quarkus-app");
        parts.put("insights-service", "insights-service/target/quarkus-app");
        parts.put("couple-service", "couple-service/target/quarkus-app");
        parts.put("Kafka", "kafka.Kafka");
        parts.put("Keycloak", "kc.config.built");
        parts.put("this harness", CheckInToInsightBenchmark.class.getName());
        parts.put("PostgreSQL", "postgres");
        Map<String, Benchmarks.Cpu> cpuBefore = null;
        for (int round = 0; round < warmup + rounds; round++) {
            boolean counted = round >= warmup;
            // Both services live in the round's week: the timeline insights-service shows is the current weeks'.
            PeerServices.shiftClock("exercise-service", Duration.ofDays(7L * round));
            PeerServices.shiftClock("insights-service", Duration.ofDays(7L * round));
            Thread.sleep(50); // the peer re-reads its clock file on the next call
            if (round == warmup) {
                cpuBefore = cpuSeconds(parts);
            }
            long roundStart = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Couple c = all.get(i);
                List<Long> acceptTimes = counted ? accepts : Collections.synchronizedList(new ArrayList<>());
                long due = roundStart + i * pairIntervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                work.add(pool.submit(() -> {
                    timed(
                            acceptTimes,
                            () -> call(
                                    "POST", exercises + "/v1/couples/" + c.id() + "/check-ins", c.a(), CHECK_IN, 201));
                    String completed = timed(
                            acceptTimes,
                            () -> call(
                                    "POST", exercises + "/v1/couples/" + c.id() + "/check-ins", c.b(), CHECK_IN, 201));
                    // One probe at a time: its polling is load too, and must stay small beside the check-ins.
                    if (counted && probing.compareAndSet(false, true)) {
                        try {
                            visible.add(untilVisible(insights, c, field(completed, "period")));
                        } finally {
                            probing.set(false);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : work) {
                w.get();
            }
            if (counted) {
                loadNanos += System.nanoTime() - roundStart;
            }
            log("round " + (round + 1) + "/" + (warmup + rounds) + (counted ? "" : " (warm-up)") + " done");
        }
        double loadSeconds = loadNanos / 1e9;
        Map<String, Benchmarks.Cpu> cpuAfter = cpuSeconds(parts);
        StringBuilder cpu = new StringBuilder();
        double total = 0;
        double jit = 0;
        for (String part : cpuAfter.keySet()) {
            Benchmarks.Cpu spent = cpuAfter.get(part).minus(cpuBefore.getOrDefault(part, new Benchmarks.Cpu(0, 0)));
            total += spent.total();
            jit += spent.jit();
            cpu.append(
                    String.format("%s%s %.1f", cpu.isEmpty() ? "" : ", ", part, 1000 * spent.total() / accepts.size()));
            if (spent.jit() > 0.005 * spent.total()) {
                cpu.append(String.format(" (JIT %.1f)", 1000 * spent.jit() / accepts.size()));
            }
        }
        cpu.append(String.format(
                "; in all %.1f, of it JIT compiling %.1f", 1000 * total / accepts.size(), 1000 * jit / accepts.size()));
        PeerServices.shiftClock("exercise-service", Duration.ZERO);
        PeerServices.shiftClock("insights-service", Duration.ZERO);

        // Reads: the insights endpoint under concurrent clients.
        List<Long> reads = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        ExecutorService readerPool = Executors.newFixedThreadPool(readers);
        long readUntil = System.nanoTime() + Duration.ofSeconds(readSeconds).toNanos();
        List<Future<?>> readWork = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            int offset = r;
            readWork.add(readerPool.submit(() -> {
                int i = offset;
                while (System.nanoTime() < readUntil) {
                    Couple c = all.get(i++ % all.size());
                    long t = System.nanoTime();
                    try {
                        call("GET", insights + "/v1/couples/" + c.id() + "/insights", c.a(), null, 200);
                        reads.add((System.nanoTime() - t) / 1_000);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : readWork) {
            w.get();
        }
        pool.shutdown();
        readerPool.shutdown();

        Collections.sort(visible);
        Collections.sort(accepts);
        Collections.sort(reads);
        String result = String.format(
                """

                ## %s: %,d check-ins (%d couples x %d weeks, after %d weeks of warm-up) paced at %d per second, probed one at a time; %d readers for %d s

                | measure | value |
                |---|---|
                | machine | %d cores, %s; everything (PostgreSQL, Kafka, Keycloak, 3 services, this harness) on it |
                | check-ins completed per second (all rounds' time, pauses between rounds left out) | %.1f |
                | check-in POST: p50 / p99 | %.1f ms / %.1f ms |
                | CPU per check-in, ms (between the first and last counted round, pauses included) | %s |
                | completing check-in accepted -> week complete in the insights timeline (%d probes): p50 / p99 / max | %.0f ms / %.0f ms / %.0f ms |
                | insights reads: throughput | %,.0f per second |
                | insights reads: p50 / p99 | %.1f ms / %.1f ms (%d errors) |
                """,
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                accepts.size(),
                couples,
                rounds,
                warmup,
                rate,
                readers,
                readSeconds,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                accepts.size() / loadSeconds,
                percentile(accepts, 50) / 1000.0,
                percentile(accepts, 99) / 1000.0,
                cpu,
                visible.size(),
                percentile(visible, 50) / 1000.0,
                percentile(visible, 99) / 1000.0,
                visible.get(visible.size() - 1) / 1000.0,
                reads.size() / (double) readSeconds,
                percentile(reads, 50) / 1000.0,
                percentile(reads, 99) / 1000.0,
                errors.get());
        Files.createDirectories(out.toAbsolutePath().getParent());
        if (!Files.exists(out)) {
            Files.writeString(
                    out,
                    "# insights-service benchmark\n\nProduced by `bench/insights-latency`; each run is appended.\n");
        }
        Files.writeString(out, result, StandardOpenOption.APPEND);
        System.out.println(result);
        System.exit(0);
    }

    /** Microseconds from now until the couple's timeline (its read model, as a client reads it) shows the week complete. */
    private static long untilVisible(String insights, Couple c, String period) throws InterruptedException {
        long accepted = System.nanoTime();
        long deadline = accepted + Duration.ofSeconds(30).toNanos();
        String complete = "\"period\":\"" + period + "\",\"checkInComplete\":true";
        while (!call("GET", insights + "/v1/couples/" + c.id() + "/insights/timeline?periods=2", c.a(), null, 200)
                .contains(complete)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("check-in " + c.id() + "/" + period + " not visible in 30 s");
            }
            Thread.sleep(5);
        }
        return (System.nanoTime() - accepted) / 1_000;
    }

    private static String timed(List<Long> micros, Supplier<String> request) {
        long t = System.nanoTime();
        String body = request.get();
        micros.add((System.nanoTime() - t) / 1_000);
        return body;
    }

    /** {@code n} couples formed through couple-service's API (with UTC calendars when {@code calendars}). */
    static List<Couple> formCouples(String coupleService, int n, ExecutorService pool, boolean calendars)
            throws Exception {
        List<Future<Couple>> forming = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            forming.add(pool.submit(() -> {
                Person a = TestUsers.create("Bench");
                Person b = TestUsers.create("Bench");
                if (calendars) {
                    for (Person p : List.of(a, b)) {
                        call("PATCH", coupleService + "/v1/me", p, "{\"timeZone\":\"UTC\",\"startOfDayHour\":0}", 200);
                    }
                }
                String code = field(
                        call("POST", coupleService + "/v1/invitations", a, "{\"relationshipKind\":\"ROMANTIC\"}", 201),
                        "code");
                String id =
                        field(call("POST", coupleService + "/v1/invitations/" + code + "/accept", b, "", 201), "id");
                return new Couple(id, a, b);
            }));
        }
        List<Couple> all = new ArrayList<>();
        for (Future<Couple> f : forming) {
            all.add(f.get());
        }
        return all;
    }

    static String call(String method, String url, Person who, String body, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + who.token())
                    .header("Accept", "application/json");
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(
                        method + " " + url + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"");
        int start = at + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }
}
