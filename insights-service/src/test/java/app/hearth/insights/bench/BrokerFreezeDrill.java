package app.hearth.insights.bench;

import static app.hearth.insights.bench.CheckInToInsightBenchmark.call;
import static app.hearth.insights.bench.CheckInToInsightBenchmark.field;
import static app.hearth.testsupport.Benchmarks.arg;
import static app.hearth.testsupport.Benchmarks.log;

import app.hearth.events.EventJson;
import app.hearth.events.Topics;
import app.hearth.testsupport.BrokerOutage;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.Sql;
import app.hearth.testsupport.TestInfrastructure;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault drill (a script, too long for CI): check-ins keep arriving through exercise-service's API while the Kafka
 * broker is frozen (SIGSTOP) for 60 s. Counts what exercise-service accepted, what reached Kafka (and how often) and
 * what insights-service holds afterwards, and how long after the thaw insights had caught up. Run with
 * bench/broker-freeze; results are appended to bench/results/broker-freeze.md.
 */
public final class BrokerFreezeDrill {

    public static void main(String[] args) throws Exception {
        int couples = Integer.parseInt(arg(args, "--couples", "20"));
        int rounds = Integer.parseInt(arg(args, "--rounds", "40"));
        int freezeSeconds = Integer.parseInt(arg(args, "--freeze-seconds", "60"));
        Path out = Path.of(arg(args, "--out", "bench/results/broker-freeze.md"));

        TestInfrastructure.ensureRunning();
        String coupleService = PeerServices.url("couple-service");
        String exercises = PeerServices.url("exercise-service");
        PeerServices.url("insights-service");
        log("services ready");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<String[]> all = new ArrayList<>();
        List<Person[]> people = new ArrayList<>();
        for (int i = 0; i < couples; i++) {
            Person a = TestUsers.create("Freeze");
            Person b = TestUsers.create("Freeze");
            String code = field(
                    call("POST", coupleService + "/v1/invitations", a, "{\"relationshipKind\":\"ROMANTIC\"}", 201),
                    "code");
            all.add(new String[] {
                field(call("POST", coupleService + "/v1/invitations/" + code + "/accept", b, "", 201), "id")
            });
            people.add(new Person[] {a, b});
        }
        Set<String> ids = new HashSet<>();
        all.forEach(c -> ids.add(c[0]));
        String inList = ids.stream()
                .map(id -> "'" + id + "'")
                .reduce((x, y) -> x + "," + y)
                .orElseThrow();
        log(couples + " couples formed");

        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Instant[] thawedAt = new Instant[1];
        Thread freezer = null;
        try (TopicReader topic = new TopicReader(Topics.EXERCISE_EVENTS)) {
            for (int round = 0; round < rounds; round++) {
                if (round == 3) {
                    freezer = new Thread(() -> {
                        try (BrokerOutage outage = BrokerOutage.begin()) {
                            log("broker frozen for " + freezeSeconds + " s");
                            Thread.sleep(freezeSeconds * 1000L);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        thawedAt[0] = Instant.now();
                        log("broker thawed");
                    });
                    freezer.start();
                }
                PeerServices.shiftClock("exercise-service", Duration.ofDays(7L * round));
                Thread.sleep(50);
                List<Future<?>> work = new ArrayList<>();
                for (int c = 0; c < couples; c++) {
                    String couple = all.get(c)[0];
                    Person[] pair = people.get(c);
                    work.add(pool.submit(() -> {
                        String body =
                                "{\"mood\":\"CALM\",\"moodIntensity\":3,\"closeness\":5,\"satisfaction\":7,\"screenTime\":\"UNDER_1H\"}";
                        try {
                            call("POST", exercises + "/v1/couples/" + couple + "/check-ins", pair[0], body, 201);
                            call("POST", exercises + "/v1/couples/" + couple + "/check-ins", pair[1], body, 201);
                            accepted.incrementAndGet();
                        } catch (RuntimeException e) {
                            refused.incrementAndGet();
                            log("refused: " + e.getMessage());
                        }
                        return null;
                    }));
                }
                for (Future<?> w : work) {
                    w.get();
                }
                Thread.sleep(1000);
            }
            log("load done: " + accepted + " check-ins completed, " + refused + " refused");
            if (freezer != null) {
                freezer.join();
            }
            PeerServices.shiftClock("exercise-service", Duration.ZERO);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            long found;
            while ((found = Sql.number(
                                    Sql.database("insights_peer"),
                                    "select count(*) from check_in_score where couple_id in (" + inList + ")"))
                            < 2L * accepted.get()
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Instant caughtUp = Instant.now();
            long onTopic = topic.pollFor(Duration.ofSeconds(5)).stream()
                    .filter(r -> ids.contains(r.key()) && r.value().contains("check-in-completed"))
                    .count();
            long distinctOnTopic = topic.seen().stream()
                    .filter(r -> ids.contains(r.key()) && r.value().contains("check-in-completed"))
                    .map(r -> EventJson.read(r.value()).id())
                    .distinct()
                    .count();
            long inExercise = Sql.number(
                    Sql.database("exercises_peer"),
                    "select count(*) from check_in where status = 'COMPLETED' and couple_id in (" + inList + ")");
            String result = String.format(
                    """

                    ## %s: broker frozen %d s while %d couples checked in for %d weeks

                    | measure | value |
                    |---|---|
                    | check-ins completed (both partners, 201) / refused | %d / %d |
                    | completed check-ins in exercise-service | %d |
                    | CheckInCompleted on Kafka: records / distinct events | %d / %d |
                    | scores in insights-service (2 per check-in) | %d of %d expected: %d lost |
                    | insights caught up after the thaw | %d ms |
                    """,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    freezeSeconds,
                    couples,
                    rounds,
                    accepted.get(),
                    refused.get(),
                    inExercise,
                    onTopic,
                    distinctOnTopic,
                    found,
                    2L * accepted.get(),
                    2L * accepted.get() - found,
                    thawedAt[0] == null
                            ? -1
                            : Duration.between(thawedAt[0], caughtUp).toMillis());
            Files.createDirectories(out.toAbsolutePath().getParent());
            if (!Files.exists(out)) {
                Files.writeString(
                        out, "# Broker freeze drill\n\nProduced by `bench/broker-freeze`; each run is appended.\n");
            }
            Files.writeString(out, result, StandardOpenOption.APPEND);
            System.out.println(result);
        }
        pool.shutdown();
        System.exit(0);
    }
}
