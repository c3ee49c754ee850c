package app.hearth.insights.bench;

import static app.hearth.testsupport.Benchmarks.arg;
import static app.hearth.testsupport.Benchmarks.log;

import app.hearth.testsupport.HearthTestResource;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestInfrastructure;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TrainingWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Launch to ready and memory, per service, each launched alone (the others stopped) on the test infrastructure: the
 * time from starting the JVM to /q/health/ready answering UP on an already migrated database (a restart, as in a
 * rollout), and the resident set size after a first API request (with its private part: what is not a clean page of
 * a mapped file). The median of R launches, for each step towards the goal: the JDK 17 fast-jar the images run today,
 * the same jar on JDK 25, then JDK 25 with an ahead-of-time cache (JEP 483/514/515) of Quarkus' {@code aot-jar}
 * package (bench/compare builds it into {@code target/aot}), trained by a launch that serves the first request 50 times ({@link TrainingWorkload}, as the image build does);
 * then the same with the serial collector, compact object headers and a small initial heap (the cache trained with
 * those flags), then with the C heap trimmed every 5 s (the options the images ship: {@link TrainingWorkload#JVM_OPTIONS}),
 * and with the cache mapped where it was written instead of relocated. Memory is read right after the first request
 * and again {@code --settle-seconds} (10) later, idle, as a pod sits between requests. Appends to
 * bench/results/compare.md. JDK 25 is {@code --jdk25 DIR}, else the first {@code /usr/lib/jvm/*-25-*}; without one,
 * only the JDK 17 rows are measured.
 */
public final class StartupBenchmark {
    private static final List<String> SERVICES =
            List.of("couple-service", "exercise-service", "reminder-service", "insights-service");
    /** The options the images run with (serial collector, compact headers, small initial heap, C heap trimmed). */
    private static final String LEAN = String.join(" ", TrainingWorkload.JVM_OPTIONS);
    /** The same without the C heap trim, to show what the trim gives (the cache is the same: the trim does not change it). */
    private static final String LEAN_UNTRIMMED = String.join(
            " ",
            TrainingWorkload.JVM_OPTIONS.stream()
                    .filter(option -> !option.equals(TrainingWorkload.NATIVE_HEAP_TRIM))
                    .toList());

    private StartupBenchmark() {}

    public static void main(String[] args) throws Exception {
        int launches = Integer.parseInt(arg(args, "--launches", "3"));
        Duration settle = Duration.ofSeconds(Long.parseLong(arg(args, "--settle-seconds", "10")));
        Path out = Path.of(arg(args, "--out", "bench/results/compare.md"));
        Optional<Path> jdk25 = jdk25(arg(args, "--jdk25", ""));
        TestInfrastructure.ensureRunning();
        List<String> services =
                List.of(arg(args, "--services", String.join(",", SERVICES)).split(","));
        Path jdk17 = Path.of(System.getProperty("java.home"), "bin", "java");
        // The header first and each service's rows as soon as they are measured: a stopped run keeps what it measured.
        String header = String.format("""

                ### %s: launch to ready, each service alone (median of %d restarts on a migrated database, -Xmx256m)

                | service | how it runs | JVM start to /q/health/ready UP | resident after a first API request (private) | %d s later, idle (private) | goal |
                |---|---|---|---|---|---|
                """, Instant.now().truncatedTo(ChronoUnit.SECONDS), launches, settle.toSeconds());
        Files.writeString(out, header, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(header);
        for (String service : services) {
            String rows = measure(service, launches, settle, jdk17, jdk25);
            Files.writeString(out, rows, StandardOpenOption.APPEND);
            System.out.print(rows);
        }
        System.exit(0);
    }

    /** {@code service}'s rows: each step from the JDK 17 fast-jar to the images' options. */
    private static String measure(String service, int launches, Duration settle, Path jdk17, Optional<Path> jdk25)
            throws Exception {
        StringBuilder rows = new StringBuilder();
        // A restart, as a rollout does it: the database is already migrated (by a first launch, not counted).
        String database = "startup_" + service.replace("-service", "");
        HearthTestResource.recreateDatabase(database);
        try (PeerServices.Instance migrating =
                PeerServices.replica(service, database, "startup-" + service, Map.of())) {
            log(service + ": database migrated");
        }
        Path target = TestInfrastructure.projectRoot().resolve(service).resolve("target");
        Path fastJar = target.resolve("quarkus-app/quarkus-run.jar");
        // A member per service: a token outlives one service's launches, not the whole run.
        Launcher launcher = new Launcher(service, database, TestUsers.create("Startup"), launches, settle);
        rows.append(launcher.row(
                "JDK " + Runtime.version().feature() + ", fast-jar (the images today)", jdk17, fastJar, ""));
        if (jdk25.isEmpty()) {
            log("no JDK 25 found (--jdk25 DIR): the ahead-of-time cache rows are left out");
            return rows.toString();
        }
        Path java25 = jdk25.get().resolve("bin/java");
        rows.append(launcher.row("JDK 25, fast-jar", java25, fastJar, ""));
        Path aotJar = target.resolve("aot/quarkus-run.jar");
        if (!Files.exists(aotJar)) {
            log(aotJar + " is missing (bench/compare builds it): the ahead-of-time cache rows are left out");
            return rows.toString();
        }
        Path cache = launcher.train(java25, aotJar, "", target.resolve("aot/app.aot"));
        rows.append(launcher.row("JDK 25, aot-jar + AOT cache", java25, aotJar, "-XX:AOTCache=" + cache));
        Path leanCache = launcher.train(java25, aotJar, LEAN, target.resolve("aot/app-lean.aot"));
        rows.append(launcher.row(
                "JDK 25, AOT cache + serial GC, compact headers, -Xms16m",
                java25,
                aotJar,
                LEAN_UNTRIMMED + " -XX:AOTCache=" + leanCache));
        rows.append(launcher.row(
                "... and the C heap trimmed every 5 s (the images)",
                java25,
                aotJar,
                LEAN + " -XX:AOTCache=" + leanCache));
        // By default the JVM maps the cache at a random address and patches its pointers, which makes most of its
        // pages private; mapped where it was written, they stay clean file pages shared by every process mapping it.
        rows.append(launcher.row(
                "... and the cache mapped unrelocated",
                java25,
                aotJar,
                LEAN + " -XX:AOTCache=" + leanCache + " -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"));
        return rows.toString();
    }

    private static Optional<Path> jdk25(String given) throws IOException {
        if (!given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (var candidates = Files.list(jvms)) {
            return candidates
                    .filter(dir -> dir.getFileName().toString().contains("-25-"))
                    .filter(dir -> Files.isExecutable(dir.resolve("bin/java")))
                    .sorted()
                    .findFirst();
        }
    }

    private record Launcher(String service, String database, TestUsers.Person person, int launches, Duration settle) {

        /** A training launch: serves the first request as a client would, then stops; the JVM writes the cache as it exits. */
        Path train(Path java, Path jar, String options, Path cache) throws Exception {
            Files.deleteIfExists(cache);
            try (PeerServices.Instance instance =
                    start(java, jar, options + " -XX:AOTCacheOutput=" + cache, "startup-train-" + service)) {
                TrainingWorkload.train(service, instance.url(), person);
            }
            if (!Files.exists(cache)) {
                throw new IllegalStateException("the training launch of " + service + " wrote no cache " + cache);
            }
            log(service + ": AOT cache trained (" + Files.size(cache) / (1024 * 1024) + " MiB) " + cache);
            return cache;
        }

        String row(String how, Path java, Path jar, String options) throws Exception {
            List<Long> readyMillis = new ArrayList<>();
            List<long[]> memory = new ArrayList<>();
            for (int i = 0; i < launches; i++) {
                long start = System.nanoTime();
                try (PeerServices.Instance instance = start(java, jar, options, "startup-" + service)) {
                    readyMillis.add((System.nanoTime() - start) / 1_000_000);
                    TrainingWorkload.firstRequest(service, instance.url(), person);
                    long[] first = rss(instance.process().pid());
                    Thread.sleep(settle.toMillis());
                    long[] idle = rss(instance.process().pid());
                    memory.add(new long[] {first[0], first[1], idle[0], idle[1]});
                }
                long[] m = memory.get(i);
                log(service + " (" + how + ") launch " + (i + 1) + ": ready in " + readyMillis.get(i) + " ms, RSS "
                        + m[0] / 1024 + " MiB (private " + m[1] / 1024 + "), " + settle.toSeconds() + " s later "
                        + m[2] / 1024 + " MiB (private " + m[3] / 1024 + ")");
            }
            Collections.sort(readyMillis);
            // The launch with the median resident set once idle, both of its readings.
            memory.sort(Comparator.comparingLong(m -> m[2]));
            long[] median = memory.get(memory.size() / 2);
            return String.format(
                    "| %s | %s | %.2f s | %d MiB (%d) | %d MiB (%d) | <= 2.5 s, <= 200 MiB |%n",
                    service,
                    how,
                    readyMillis.get(readyMillis.size() / 2) / 1000.0,
                    median[0] / 1024,
                    median[1] / 1024,
                    median[2] / 1024,
                    median[3] / 1024);
        }

        private PeerServices.Instance start(Path java, Path jar, String options, String logName) {
            Map<String, String> env = new HashMap<>();
            env.put("JAVA_XMX", "-Xmx256m");
            if (!options.isBlank()) {
                env.put("JDK_JAVA_OPTIONS", options.trim());
            }
            return PeerServices.replica(service, java, jar, database, logName, env);
        }
    }

    /** Resident memory of a process and its private part (anonymous pages), in KiB. */
    private static long[] rss(long pid) throws Exception {
        long rss = -1;
        long anonymous = -1;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            } else if (line.startsWith("RssAnon:")) {
                anonymous = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new long[] {rss, anonymous};
    }
}
