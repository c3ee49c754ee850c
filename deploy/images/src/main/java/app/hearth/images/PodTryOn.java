package app.hearth.images;

import static app.hearth.testsupport.Benchmarks.arg;
import static app.hearth.testsupport.Benchmarks.log;
import static app.hearth.testsupport.Benchmarks.percentile;

import app.hearth.testsupport.HearthTestResource;
import app.hearth.testsupport.TestInfrastructure;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real images under the real pod specs (driven by deploy/k8s/try-on-podman): runs the single-host overlay's four
 * Deployments with {@code podman kube play} against the local stack's PostgreSQL, Kafka and Keycloak (started if
 * needed, fresh databases), waits until every pod is ready, drives a journey through them (pair, check-in, insights,
 * erase), loads them while sampling each container's resident memory, and stops them with {@code podman kube down}.
 * Appends what it measured to {@code --out}; exits non-zero when any step failed, a container was OOM-killed or
 * restarted, its peak memory came within 10 % of its limit, or anything was left running.
 */
public final class PodTryOn {
    record Pod(String service, String database, int port) {
        String container() {
            return service + "-pod-0-app"; // podman kube play: <deployment>-pod-0, container <pod>-<name>
        }

        String url() {
            return "http://" + TestInfrastructure.HOST + ":" + port;
        }
    }

    static final List<Pod> PODS = List.of(
            new Pod("couple-service", "couples", 8081),
            new Pod("exercise-service", "exercises", 8082),
            new Pod("reminder-service", "reminders", 8083),
            new Pod("insights-service", "insights", 8084));
    private static final Pod COUPLES = PODS.get(0);
    private static final Pod EXERCISES = PODS.get(1);
    private static final Pod REMINDERS = PODS.get(2);
    private static final Pod INSIGHTS = PODS.get(3);

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    /** A container whose peak comes closer than this to its limit fails the run: the limit has no headroom left. */
    private static final double MAX_SHARE_OF_LIMIT = 0.9;
    /** More warnings than this from one logger in one run is a flood (see {@link #keepLogs}). */
    private static final long MAX_REPEATS = 20;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECK_IN =
            "{\"mood\":\"CALM\",\"moodIntensity\":3,\"closeness\":%d,\"satisfaction\":7,\"screenTime\":\"UNDER_1H\"}";
    private static final String REMINDER = "{\"kind\":\"GRATITUDE\",\"title\":\"Say one thing you appreciate\","
            + "\"rrule\":\"FREQ=DAILY\",\"timeOfDay\":\"20:30\",\"zonePolicy\":\"FIXED\",\"fixedZone\":\"Europe/Paris\"}";

    private final Map<Pod, Memory> memory = new ConcurrentHashMap<>();
    private final List<String> results = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    /**
     * A container's memory: its limit, resident set when it became ready and the highest seen (the kernel's VmHWM),
     * and what the JVM reports after the load (Micrometer's jvm_memory_* gauges): the heap's maximum and committed
     * size, and the committed non-heap (metaspace, code cache).
     */
    record Memory(
            long limitBytes,
            long readyRssBytes,
            long peakRssBytes,
            long peakAnonBytes,
            long peakFileBytes,
            long heapMaxBytes,
            long heapCommittedBytes,
            long nonHeapCommittedBytes) {

        /** The heap at its maximum, plus the anonymous memory beside the heap and the mapped files, at their peaks. */
        long worstCaseBytes() {
            return heapMaxBytes + (peakAnonBytes - heapCommittedBytes) + peakFileBytes;
        }
    }

    /**
     * The highest anonymous and file-backed resident memory seen while sampling: the kernel keeps a peak only for the
     * total (VmHWM), and the two weigh differently against a limit (clean file pages, the jars and the AOT cache
     * mapped from the image, are reclaimed under pressure; anonymous ones, the heap and the JVM's own, are not).
     */
    private final Map<Pod, long[]> sampledPeaks = new ConcurrentHashMap<>();

    private PodTryOn() {}

    public static void main(String[] args) throws Exception {
        Path kube = Path.of(arg(args, "--kube", ""));
        Path out = Path.of(arg(args, "--out", "bench/results/pod-try-on.md"));
        int couples = Integer.parseInt(arg(args, "--couples", "30"));
        int threads = Integer.parseInt(arg(args, "--threads", "16"));
        int loadSeconds = Integer.parseInt(arg(args, "--load-seconds", "45"));
        Path logs = Path.of(arg(args, "--logs", "deploy/k8s/target/pod-logs"));
        System.exit(new PodTryOn().run(kube, out, logs, couples, threads, loadSeconds));
    }

    private int run(Path kube, Path out, Path logs, int couples, int threads, int loadSeconds) throws Exception {
        TestInfrastructure.ensureRunning();
        for (Pod pod : PODS) {
            HearthTestResource.recreateDatabase(pod.database());
        }
        log("infrastructure ready, databases empty; podman kube play " + kube);
        long played = System.nanoTime();
        try {
            podman("kube", "play", kube.toString());
            awaitReady(played);
            checkAotCaches();
            journey();
            load(couples, threads, loadSeconds);
            checkContainers();
        } catch (Exception | AssertionError e) {
            failures.add(e.toString());
        } finally {
            keepLogs(logs);
            stop(kube);
        }
        report(out, couples, threads, loadSeconds);
        return failures.isEmpty() ? 0 : 1;
    }

    /** Polls every pod's readiness (the Deployment's readinessProbe path) until all four answer 200. */
    private void awaitReady(long since) throws Exception {
        Map<Pod, Long> readyAt = new LinkedHashMap<>();
        long deadline = since + READY_TIMEOUT.toNanos();
        while (readyAt.size() < PODS.size()) {
            for (Pod pod : PODS) {
                if (!readyAt.containsKey(pod) && status("GET", pod.url() + "/q/health/ready", null, null) == 200) {
                    readyAt.put(pod, System.nanoTime());
                    long pid = pid(pod);
                    memory.put(
                            pod,
                            new Memory(
                                    Long.parseLong(inspect(pod, "{{.HostConfig.Memory}}")),
                                    statusKb(pid, "VmRSS") * 1024,
                                    0,
                                    0,
                                    0,
                                    0,
                                    0,
                                    0));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not ready within " + READY_TIMEOUT + ": "
                        + PODS.stream().filter(p -> !readyAt.containsKey(p)).toList());
            }
            Thread.sleep(100);
        }
        for (Pod pod : PODS) {
            results.add(String.format(
                    "| %s ready (podman kube play -> readiness 200) | %.1f s |",
                    pod.service(), (readyAt.get(pod) - since) / 1e9));
        }
        log("all four pods ready");
    }

    /**
     * Each pod's java, run in the pod with the pod's own options (its image's entrypoint and the Deployment's
     * JDK_JAVA_OPTIONS), starts with the image's ahead-of-time cache required: a cache the pod could not use would
     * only make it start slowly, never fail, so it is checked here.
     */
    private void checkAotCaches() throws IOException {
        for (Pod pod : PODS) {
            // The image's entrypoint, as a list (a container's inspect joins it into one string).
            List<String> entrypoint = new ArrayList<>();
            String image = inspect(pod, "{{.ImageName}}");
            JSON.readTree(podmanOutput("image", "inspect", "--format", "{{json .Config.Entrypoint}}", image))
                    .forEach(e -> entrypoint.add(e.asText()));
            int jar = entrypoint.indexOf("-jar");
            check(
                    jar > 0 && entrypoint.stream().anyMatch(o -> o.startsWith("-XX:AOTCache=")),
                    pod.service() + "'s entrypoint names no AOT cache: " + entrypoint);
            if (jar <= 0) {
                continue;
            }
            List<String> command = new ArrayList<>(List.of("podman", "exec", pod.container()));
            command.addAll(entrypoint.subList(0, jar));
            command.addAll(List.of("-XX:AOTMode=on", "-cp", entrypoint.get(jar + 1), "-version"));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            try {
                check(
                        process.waitFor() == 0,
                        pod.service() + ": java does not start with its AOT cache in the pod: " + output.strip());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        results.add(
                "| each pod's java, with the pod's options, starts with its image's AOT cache required | checked |");
    }

    /** Two people pair, check in, see it in their insights, and one of them erases themselves: through all four pods. */
    private void journey() throws Exception {
        long started = System.nanoTime();
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        String couple = pair(alice, bob);
        call("POST", REMINDERS.url() + "/v1/me/reminders", alice, REMINDER, 201);
        call("POST", EXERCISES.url() + "/v1/couples/" + couple + "/check-ins", alice, CHECK_IN.formatted(6), 201);
        String period = field(
                call("POST", EXERCISES.url() + "/v1/couples/" + couple + "/check-ins", bob, CHECK_IN.formatted(7), 201),
                "period");
        // exercise-service's CheckInCompleted reaches insights-service through Kafka.
        eventually(
                "the check-in shows in the couple's insights timeline",
                () -> call(
                                "GET",
                                INSIGHTS.url() + "/v1/couples/" + couple + "/insights/timeline?periods=2",
                                bob,
                                null,
                                200)
                        .contains("\"period\":\"" + period + "\",\"checkInComplete\":true"));
        call("GET", INSIGHTS.url() + "/v1/couples/" + couple + "/insights", alice, null, 200);

        call("DELETE", COUPLES.url() + "/v1/me", alice, null, 204);
        JsonNode ended = JSON.readTree(call("GET", COUPLES.url() + "/v1/couples/" + couple, bob, null, 200));
        check(
                "ENDED".equals(ended.path("status").asText())
                        && ended.path("members").size() == 1
                        && bob.id()
                                .equals(ended.path("members")
                                        .path(0)
                                        .path("partnerId")
                                        .asText()),
                "the partner sees the relationship ended, without the erased person: " + ended);
        // Every other pod hears of the erasure through Kafka and refuses the token still in the phone.
        for (Pod pod : List.of(EXERCISES, REMINDERS, INSIGHTS)) {
            String path = pod == REMINDERS ? "/v1/me/reminders" : "/v1/couples/" + couple + "/check-ins";
            String url = pod == INSIGHTS ? pod.url() + "/v1/couples/" + couple + "/insights" : pod.url() + path;
            eventually(
                    pod.service() + " refuses the erased person (401)", () -> status("GET", url, alice, null) == 401);
        }
        // couple-service deleted the login at Keycloak with its client secret from the pod's Secret.
        eventually("the login is gone at the identity provider", () -> !TestUsers.loginExists(alice));
        results.add(String.format(
                "| journey: pair, reminder, check-ins, insights, erasure seen by all four pods and Keycloak | passed in %.1f s |",
                (System.nanoTime() - started) / 1e9));
        log("journey passed");
    }

    /**
     * What a busy hour does to memory: couples form and check in (every event path: invitations, memberships,
     * check-ins into insights, reminders), then {@code threads} clients read for {@code seconds} (couple, catalogue,
     * check-ins, reminders, notifications, insights, timeline, exports) while each container's RSS is sampled.
     */
    private void load(int couples, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Thread sampler = new Thread(this::sampleMemory, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long writesStarted = System.nanoTime();
        List<Future<String[]>> forming = new ArrayList<>();
        for (int i = 0; i < couples; i++) {
            forming.add(pool.submit(() -> {
                Person a = TestUsers.create("Load");
                Person b = TestUsers.create("Load");
                String id = pair(a, b);
                for (Person p : List.of(a, b)) {
                    call("POST", REMINDERS.url() + "/v1/me/reminders", p, REMINDER, 201);
                    call("POST", EXERCISES.url() + "/v1/couples/" + id + "/check-ins", p, CHECK_IN.formatted(5), 201);
                }
                return new String[] {id, a.token(), b.token(), a.username(), b.username()};
            }));
        }
        List<String[]> formed = new ArrayList<>();
        for (Future<String[]> f : forming) {
            formed.add(f.get());
        }
        double writeSeconds = (System.nanoTime() - writesStarted) / 1e9;

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<?>> readers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            readers.add(pool.submit(() -> {
                int i = offset;
                while (System.nanoTime() < until) {
                    String[] c = formed.get(i % formed.size());
                    Person who = new Person(c[3 + (i % 2)], c[1 + (i % 2)]);
                    String url = switch (i++ % 9) {
                        case 0 -> COUPLES.url() + "/v1/couples/" + c[0];
                        case 1 -> EXERCISES.url() + "/v1/exercises?size=50";
                        case 2 -> EXERCISES.url() + "/v1/couples/" + c[0] + "/check-ins";
                        case 3 -> REMINDERS.url() + "/v1/me/reminders";
                        case 4 -> REMINDERS.url() + "/v1/me/notifications";
                        case 5 -> INSIGHTS.url() + "/v1/couples/" + c[0] + "/insights";
                        case 6 -> INSIGHTS.url() + "/v1/couples/" + c[0] + "/insights/timeline";
                        case 7 -> INSIGHTS.url() + "/v1/couples/" + c[0] + "/recommendations";
                        default -> COUPLES.url() + "/v1/me/export";
                    };
                    long t0 = System.nanoTime();
                    int status = status("GET", url, who, null);
                    // An export is rate-limited per person (429 is an answer, not a failure).
                    if (status == 200 || (status == 429 && url.endsWith("/export"))) {
                        latencies.add((System.nanoTime() - t0) / 1_000);
                    } else {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> r : readers) {
            r.get();
        }
        pool.shutdown();
        sampler.interrupt();
        sampler.join();
        Collections.sort(latencies);
        for (Pod pod : PODS) {
            long peak = statusKb(pid(pod), "VmHWM") * 1024;
            String metrics = prometheusText(pod);
            Memory m = memory.get(pod);
            memory.put(
                    pod,
                    new Memory(
                            m.limitBytes(),
                            m.readyRssBytes(),
                            peak,
                            sampledPeaks.get(pod)[0],
                            sampledPeaks.get(pod)[1],
                            gauge(metrics, "jvm_memory_max_bytes", "heap"),
                            gauge(metrics, "jvm_memory_committed_bytes", "heap"),
                            gauge(metrics, "jvm_memory_committed_bytes", "nonheap")));
        }
        results.add(String.format(
                "| load: %d couples formed and checked in (%d people, %d reminders) | %.1f s |",
                couples, 2 * couples, 2 * couples, writeSeconds));
        results.add(String.format(
                "| load: %d clients reading for %d s | %,d requests (%.0f/s), p50 %.1f ms, p99 %.1f ms, %d errors |",
                threads,
                seconds,
                latencies.size(),
                latencies.size() / (double) seconds,
                percentile(latencies, 50) / 1000.0,
                percentile(latencies, 99) / 1000.0,
                errors.get()));
        check(errors.get() == 0, errors.get() + " requests failed under load");
        log("load done");
    }

    /** Every 200 ms until interrupted: each container's anonymous and file-backed resident memory, highest kept. */
    private void sampleMemory() {
        Map<Pod, Long> pids = new LinkedHashMap<>();
        PODS.forEach(pod -> pids.put(pod, pid(pod)));
        while (!Thread.currentThread().isInterrupted()) {
            pids.forEach((pod, pid) -> {
                long[] peak = sampledPeaks.computeIfAbsent(pod, p -> new long[2]);
                peak[0] = Math.max(peak[0], statusKb(pid, "RssAnon") * 1024);
                peak[1] = Math.max(peak[1], statusKb(pid, "RssFile") * 1024);
            });
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** No container was OOM-killed or restarted, and each peak left headroom under its limit. */
    private void checkContainers() {
        for (Pod pod : PODS) {
            check("false".equals(inspect(pod, "{{.State.OOMKilled}}")), pod.container() + " was OOM-killed");
            check("0".equals(inspect(pod, "{{.RestartCount}}")), pod.container() + " restarted");
            Memory m = memory.get(pod);
            check(
                    m.peakRssBytes() < MAX_SHARE_OF_LIMIT * m.limitBytes(),
                    pod.service() + " peaked at " + mib(m.peakRssBytes()) + " of a " + mib(m.limitBytes()) + " limit");
            // The heap grows to its maximum before the collector gives up; everything else stays as measured. The
            // limit must hold both, or a busy day's heap ends in an OOM kill instead of a collection.
            check(
                    m.worstCaseBytes() <= m.limitBytes(),
                    pod.service() + ": heap at its maximum (" + mib(m.heapMaxBytes()) + ") plus what it holds beside"
                            + " it would be " + mib(m.worstCaseBytes()) + ", over its " + mib(m.limitBytes())
                            + " limit");
        }
    }

    /**
     * Each container's log, kept before kube down removes it. Its warnings and errors are counted by logger; one
     * logger warning more than {@link #MAX_REPEATS} times is a flood that would drown a real warning in a cluster's
     * log store, and fails the run. Shown in full when the run failed.
     */
    private void keepLogs(Path logs) throws IOException {
        Files.createDirectories(logs);
        for (Pod pod : PODS) {
            String log = podmanOutput("logs", pod.container());
            Files.writeString(logs.resolve(pod.service() + ".log"), log);
            List<JsonNode> warnings = log.lines()
                    .filter(line -> line.startsWith("{"))
                    .map(PodTryOn::json)
                    .filter(line -> line.path("level").asText().matches("WARN(ING)?|ERROR|SEVERE|FATAL"))
                    // This host has no OpenTelemetry collector: exports are refused (said in the component).
                    .filter(line -> !line.path("message").asText().startsWith("Failed to export"))
                    .toList();
            Map<String, Long> byLogger = new TreeMap<>();
            warnings.forEach(w -> byLogger.merge(w.path("loggerName").asText(), 1L, Long::sum));
            results.add(String.format(
                    "| %s: warnings and errors logged | %s |", pod.service(), byLogger.isEmpty() ? "none" : byLogger));
            byLogger.forEach((logger, count) ->
                    check(count <= MAX_REPEATS, pod.service() + " logged " + count + " warnings from " + logger));
            if (!failures.isEmpty()) {
                System.err.println("--- " + pod.container() + ": warnings and errors (all of it in " + logs + ")");
                warnings.stream()
                        .map(w -> w.path("level").asText() + " "
                                + w.path("loggerName").asText() + ": "
                                + w.path("message").asText())
                        .map(line -> line.length() > 400 ? line.substring(0, 400) + "..." : line)
                        .forEach(System.err::println);
            }
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** podman kube down, timed; then nothing of the four pods may be left (containers, volumes), their ports free. */
    private void stop(Path kube) {
        long started = System.nanoTime();
        try {
            podman("kube", "down", kube.toString());
        } catch (Exception e) {
            failures.add("podman kube down: " + e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        results.add(String.format("| podman kube down (all four pods stopped and removed) | %.1f s |", seconds));
        String left = podmanOutput("ps", "-a", "--format", "{{.Names}}").strip() + "\n"
                + podmanOutput("volume", "ls", "--format", "{{.Name}}").strip();
        for (Pod pod : PODS) {
            check(!left.contains(pod.service() + "-"), pod.service() + " left something after kube down: " + left);
            try (Socket ignored = new Socket(TestInfrastructure.HOST, pod.port())) {
                failures.add(pod.service() + "'s port " + pod.port() + " still answers after kube down");
            } catch (IOException expected) {
                // refused: nothing listens any more
            }
        }
    }

    private void report(Path out, int couples, int threads, int loadSeconds) throws IOException {
        StringBuilder text = new StringBuilder(String.format(
                "%n## %s: the single-host overlay's pods under podman (%s)%n%n| step | result |%n|---|---|%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), failures.isEmpty() ? "passed" : "FAILED"));
        results.forEach(r -> text.append(r).append('\n'));
        if (!memory.isEmpty()) {
            text.append(String.format(
                    "%n| container | limit | RSS when ready | peak RSS (VmHWM) | peak / limit | of it anonymous (peak)"
                            + " | file-backed (peak) | heap max | heap committed | non-heap committed"
                            + " | heap at max + the rest |%n|---|---|---|---|---|---|---|---|---|---|---|%n"));
            for (Pod pod : PODS) {
                Memory m = memory.get(pod);
                if (m != null) {
                    text.append(String.format(
                            "| %s | %s | %s | %s | %.0f %% | %s | %s | %s | %s | %s | %s |%n",
                            pod.service(),
                            mib(m.limitBytes()),
                            mib(m.readyRssBytes()),
                            mib(m.peakRssBytes()),
                            100.0 * m.peakRssBytes() / m.limitBytes(),
                            mib(m.peakAnonBytes()),
                            mib(m.peakFileBytes()),
                            mib(m.heapMaxBytes()),
                            mib(m.heapCommittedBytes()),
                            mib(m.nonHeapCommittedBytes()),
                            mib(m.worstCaseBytes())));
                }
            }
        }
        failures.forEach(f -> text.append("\n- failed: ").append(f));
        text.append('\n');
        Files.createDirectories(out.toAbsolutePath().getParent());
        if (!Files.exists(out)) {
            Files.writeString(
                    out,
                    "# The images under the real pod specs\n\nProduced by `deploy/k8s/try-on-podman` (the "
                            + "single-host overlay's Deployments under podman kube play); each run is appended.\n");
        }
        Files.writeString(out, text, StandardOpenOption.APPEND);
        System.out.println(text);
    }

    private static String pair(Person a, Person b) {
        for (Person p : List.of(a, b)) {
            call("PATCH", COUPLES.url() + "/v1/me", p, "{\"timeZone\":\"Europe/Paris\"}", 200);
        }
        String code = field(
                call("POST", COUPLES.url() + "/v1/invitations", a, "{\"relationshipKind\":\"ROMANTIC\"}", 201), "code");
        return field(call("POST", COUPLES.url() + "/v1/invitations/" + code + "/accept", b, "", 201), "id");
    }

    private void check(boolean condition, String failure) {
        if (!condition) {
            failures.add(failure);
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void eventually(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + EVENTUALLY + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    private static String call(String method, String url, Person who, String body, int expected) {
        HttpResponse<String> response = send(method, url, who, body);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + ": HTTP " + response.statusCode() + " (expected "
                    + expected + ") " + response.body());
        }
        return response.body();
    }

    /** The pod's /q/metrics, in Prometheus' text format (what a scraper asks for). */
    private static String prometheusText(Pod pod) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(pod.url() + "/q/metrics"))
                        .header("Accept", "text/plain")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(pod.service() + " /q/metrics: HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static int status(String method, String url, Person who, String body) {
        try {
            return send(method, url, who, body).statusCode();
        } catch (IllegalStateException e) {
            return -1; // not listening yet
        }
    }

    private static HttpResponse<String> send(String method, String url, Person who, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json");
            if (who != null) {
                request.header("Authorization", "Bearer " + who.token());
            }
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String field(String json, String name) {
        try {
            return JSON.readTree(json).path(name).asText();
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    /** The sum of a JVM memory gauge over its pools in one area (heap or nonheap), from Prometheus' text format. */
    private static long gauge(String metrics, String name, String area) {
        return (long) metrics.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains("area=\"" + area + "\""))
                .mapToDouble(line -> Math.max(0, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))))
                .sum();
    }

    private static long pid(Pod pod) {
        return Long.parseLong(inspect(pod, "{{.State.Pid}}"));
    }

    private static String inspect(Pod pod, String format) {
        return podmanOutput("inspect", "--format", format, pod.container()).strip();
    }

    /** A field of /proc/PID/status in kB: the container's java is its PID 1, seen here under its host pid. */
    private static long statusKb(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith(field + ":"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the memory of pid " + pid + ": " + e, e);
        }
    }

    private static void podman(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + ")");
        }
    }

    private static String podmanOutput(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("podman"));
            command.addAll(List.of(args));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            return output;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static String mib(long bytes) {
        return (bytes / (1024 * 1024)) + " MiB";
    }
}
