package app.hearth.insights.bench;

import app.hearth.testsupport.PeerServices;
import static app.hearth.testsupport.Benchmarks.arg;
import static app.hearth.testsupport.Benchmarks.log;
import static app.hearth.testsupport.Benchmarks.percentile;
import app.hearth.testsupport.TestInfrastructure;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;

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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (not a test): the packaged couple-, exercise- and insights-service on the test infrastructure. C couples
 * check in every "week" for R rounds (both services' clocks moved a week per round), so C x R check-ins complete,
 * W couples at a time; for each, the time from exercise-service accepting the completing check-in (its 201) to the
 * week showing complete in the couple's insights timeline (polled every 5 ms, as the member). Then T threads read GET /v1/couples/{id}/insights for S seconds:
 * throughput and latency p50/p99. Run with bench/insights-latency; results are appended to
 * bench/results/insights-latency.md.
 */
public final class CheckInToInsightBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Couple(String id, Person a, Person b) {
    }

    public static void main(String[] args) throws Exception {
        int couples = Integer.parseInt(arg(args, "--couples", "50"));
        int rounds = Integer.parseInt(arg(args, "--rounds", "20"));
        int readers = Integer.parseInt(arg(args, "--readers", "8"));
        int writers = Integer.parseInt(arg(args, "--writers", "4"));
        int readSeconds = Integer.parseInt(arg(args, "--read-seconds", "20"));
        Path out = Path.of(arg(args, "--out", "bench/results/insights-latency.md"));

        TestInfrastructure.ensureRunning();
        String coupleService = PeerServices.url("couple-service");
        String exercises = PeerServices.url("exercise-service");
        String insights = PeerServices.url("insights-service");
        log("services ready");

        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Couple> all = formCouples(coupleService, couples, pool, true);
        log(couples + " couples formed");

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Instant loadStart = Instant.now();
        for (int round = 0; round < rounds; round++) {
            // Both services live in the round's week: the timeline insights-service shows is the current weeks'.
            PeerServices.shiftClock("exercise-service", Duration.ofDays(7L * round));
            PeerServices.shiftClock("insights-service", Duration.ofDays(7L * round));
            Thread.sleep(50); // the peer re-reads its clock file on the next call
            List<Future<?>> work = new ArrayList<>();
            for (Couple c : all) {
                work.add(pool.submit(() -> {
                    String body = "{\"mood\":\"CALM\",\"moodIntensity\":3,\"closeness\":5,\"satisfaction\":7,\"screenTime\":\"UNDER_1H\"}";
                    call("POST", exercises + "/v1/couples/" + c.id() + "/check-ins", c.a(), body, 201);
                    String completed = call("POST", exercises + "/v1/couples/" + c.id() + "/check-ins", c.b(), body, 201);
                    long accepted = System.nanoTime();
                    String period = field(completed, "period");
                    long deadline = accepted + Duration.ofSeconds(30).toNanos();
                    // Visible: the couple's timeline (read from the read model, as a client does) shows the week complete.
                    String complete = "\"period\":\"" + period + "\",\"checkInComplete\":true";
                    while (!call("GET", insights + "/v1/couples/" + c.id() + "/insights/timeline?periods=2", c.a(), null, 200).contains(complete)) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("check-in " + c.id() + "/" + period + " not visible in 30 s");
                        }
                        Thread.sleep(5);
                    }
                    latencies.add((System.nanoTime() - accepted) / 1_000);
                    return null;
                }));
            }
            for (Future<?> w : work) {
                w.get();
            }
            log("round " + (round + 1) + "/" + rounds + " done");
        }
        double loadSeconds = Duration.between(loadStart, Instant.now()).toMillis() / 1000.0;
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

        Collections.sort(latencies);
        Collections.sort(reads);
        String result = String.format("""

                ## %s: %,d check-ins (%d couples x %d weeks, %d at a time; visible = the timeline shows the week complete), %d readers for %d s

                | measure | value |
                |---|---|
                | machine | %d cores, %s; everything (PostgreSQL, Kafka, Keycloak, 3 services, this harness) on it |
                | check-in accepted -> visible in insights: p50 / p99 / max | %.0f ms / %.0f ms / %.0f ms |
                | check-ins completed per second while measuring | %.1f |
                | insights reads: throughput | %,.0f per second |
                | insights reads: p50 / p99 | %.1f ms / %.1f ms (%d errors) |
                """, Instant.now().truncatedTo(ChronoUnit.SECONDS), latencies.size(), couples, rounds, writers, readers, readSeconds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                percentile(latencies, 50) / 1000.0, percentile(latencies, 99) / 1000.0, latencies.get(latencies.size() - 1) / 1000.0,
                latencies.size() / loadSeconds, reads.size() / (double) readSeconds, percentile(reads, 50) / 1000.0,
                percentile(reads, 99) / 1000.0, errors.get());
        Files.createDirectories(out.toAbsolutePath().getParent());
        if (!Files.exists(out)) {
            Files.writeString(out, "# insights-service benchmark\n\nProduced by `bench/insights-latency`; each run is appended.\n");
        }
        Files.writeString(out, result, StandardOpenOption.APPEND);
        System.out.println(result);
        System.exit(0);
    }

    /** {@code n} couples formed through couple-service's API (with UTC calendars when {@code calendars}). */
    static List<Couple> formCouples(String coupleService, int n, ExecutorService pool, boolean calendars) throws Exception {
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
                String code = field(call("POST", coupleService + "/v1/invitations", a, "{\"relationshipKind\":\"ROMANTIC\"}", 201), "code");
                String id = field(call("POST", coupleService + "/v1/invitations/" + code + "/accept", b, "", 201), "id");
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
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + who.token()).header("Accept", "application/json");
            if (body != null) {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + url + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
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
