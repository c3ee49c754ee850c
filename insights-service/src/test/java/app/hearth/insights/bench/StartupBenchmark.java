package app.hearth.insights.bench;

import app.hearth.testsupport.HearthTestResource;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestInfrastructure;
import app.hearth.testsupport.TestUsers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static app.hearth.insights.bench.CheckInToInsightBenchmark.call;
import static app.hearth.testsupport.Benchmarks.arg;
import static app.hearth.testsupport.Benchmarks.log;

/**
 * Launch to ready and memory, per service, each launched alone (the others stopped) on the test infrastructure: the
 * time from starting the JVM to /q/health/ready answering UP on an already migrated database (a restart, as in a
 * rollout), and the resident set size after a first API request. The median of R launches. Appends to
 * bench/results/compare.md.
 */
public final class StartupBenchmark {
    private static final List<String> SERVICES = List.of("couple-service", "exercise-service", "reminder-service", "insights-service");
    private static final Map<String, String> FIRST_REQUEST = Map.of(
            "couple-service", "/v1/me", "exercise-service", "/v1/exercises", "reminder-service", "/v1/me/reminders",
            "insights-service", "/v1/population/insights");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int launches = Integer.parseInt(arg(args, "--launches", "3"));
        Path out = Path.of(arg(args, "--out", "bench/results/compare.md"));
        TestInfrastructure.ensureRunning();
        TestUsers.Person person = TestUsers.create("Startup");
        StringBuilder rows = new StringBuilder();
        List<String> services = List.of(arg(args, "--services", String.join(",", SERVICES)).split(","));
        for (String service : services) {
            // A restart, as a rollout does it: the database is already migrated (by a first launch, not counted).
            String database = "startup_" + service.replace("-service", "");
            HearthTestResource.recreateDatabase(database);
            try (PeerServices.Instance migrating = PeerServices.replica(service, database, "startup-" + service, Map.of())) {
                log(service + ": database migrated");
            }
            rows.append(launches(service, database, person, launches, "", Map.of()));
            // The serial collector: on one or two CPUs the JVM would pick it itself; G1's own structures cost ~40 MiB.
            rows.append(launches(service, database, person, launches, " (SerialGC)", Map.of("JDK_JAVA_OPTIONS", "-XX:+UseSerialGC")));
            // ... and a heap that starts small and gives memory back: what an RSS goal needs from any collector.
            rows.append(launches(service, database, person, launches, " (SerialGC, -Xms16m, free 10-30 %)", Map.of("JDK_JAVA_OPTIONS",
                    "-XX:+UseSerialGC -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30")));
            // The class-data archive Quarkus writes when built with quarkus.package.jar.appcds.enabled (bench/compare builds so).
            Path archive = TestInfrastructure.projectRoot().resolve(service).resolve("target/quarkus-app/app-cds.jsa");
            if (Files.exists(archive)) {
                rows.append(launches(service, database, person, launches, " (AppCDS)",
                        Map.of("JDK_JAVA_OPTIONS", "-XX:SharedArchiveFile=" + archive + " -Xshare:auto")));
            }
        }
        String result = String.format("""

                ### %s: launch to ready, each service alone (median of %d restarts on a migrated database, -Xmx256m)

                | service | JVM start to /q/health/ready UP | resident memory after a first API request | goal |
                |---|---|---|---|
                %s""", Instant.now().truncatedTo(ChronoUnit.SECONDS), launches, rows);
        Files.writeString(out, result, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println(result);
        System.exit(0);
    }

    private static String launches(String service, String database, TestUsers.Person person, int launches, String variant,
                                   Map<String, String> env) throws Exception {
        List<Long> readyMillis = new ArrayList<>();
        List<Long> rssKib = new ArrayList<>();
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("JAVA_XMX", "-Xmx256m");
        for (int i = 0; i < launches; i++) {
            long start = System.nanoTime();
            try (PeerServices.Instance instance = PeerServices.replica(service, database, "startup-" + service, all)) {
                readyMillis.add((System.nanoTime() - start) / 1_000_000);
                String path = FIRST_REQUEST.get(service);
                try {
                    call("GET", instance.url() + path, person, null, 200);
                } catch (RuntimeException e) {
                    call("GET", instance.url() + path, person, null, 403); // population insights: ops only
                }
                rssKib.add(rss(instance.process().pid()));
            }
            log(service + variant + " launch " + (i + 1) + ": ready in " + readyMillis.get(i) + " ms, RSS "
                    + rssKib.get(i) / 1024 + " MiB");
        }
        Collections.sort(readyMillis);
        Collections.sort(rssKib);
        return String.format("| %s%s | %.2f s | %d MiB | <= 2.5 s, <= 200 MiB |%n", service, variant,
                readyMillis.get(readyMillis.size() / 2) / 1000.0, rssKib.get(rssKib.size() / 2) / 1024);
    }

    private static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

}
