package app.hearth.reminder.bench;

import static app.hearth.testsupport.Benchmarks.arg;
import static app.hearth.testsupport.Benchmarks.log;

import app.hearth.testsupport.HearthTestResource;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * bench/compare's dispatch pair: N reminders due at the same instant, fired by two replicas of reminder-service, then
 * the same burst through db-scheduler (two JVMs, each configuration of threads and lock-and-fetch limits given, the
 * best one counted), on the same database in the same run, each doing the same work per fire (the notification row
 * and ReminderFired through the outbox; the replicas' outbox relays publish both sides' events). Once on the tests'
 * PostgreSQL, once restarted durable. Appends a table to bench/results/compare.md.
 */
public final class DispatchComparison {

    private DispatchComparison() {}

    record Config(int threads, double lower, double upper) {
        static Config parse(String text) {
            String[] p = text.split(":");
            return new Config(Integer.parseInt(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
        }

        @Override
        public String toString() {
            return threads + " threads, lock-and-fetch " + lower + "/" + upper;
        }
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(arg(args, "--reminders", "100000"));
        List<Config> configs = Arrays.stream(arg(args, "--db-scheduler", "8:1.0:4.0,8:4.0:20.0,16:4.0:20.0")
                        .split(","))
                .map(Config::parse)
                .toList();
        Path out = Path.of(arg(args, "--out", "bench/results/compare.md"));
        String database = "reminders_compare";
        TestInfrastructure.ensureRunning();
        HearthTestResource.recreateDatabase(database);
        StringBuilder rows = new StringBuilder();
        List<PeerServices.Instance> replicas = new ArrayList<>();
        try {
            for (int i = 1; i <= 2; i++) {
                replicas.add(PeerServices.replica(
                        "reminder-service", database, "compare-reminder-" + i, Map.of("JAVA_XMX", "-Xmx512m")));
            }
            try (Connection c = connect(database);
                    Statement s = c.createStatement()) {
                // db-scheduler's table, as its README gives it for PostgreSQL.
                s.execute("""
                        create table if not exists scheduled_tasks (
                            task_name text not null, task_instance text not null, task_data bytea,
                            execution_time timestamptz not null, picked boolean not null, picked_by text,
                            last_success timestamptz, last_failure timestamptz, consecutive_failures int,
                            last_heartbeat timestamptz, version bigint not null, priority smallint,
                            primary key (task_name, task_instance))""");
                s.execute("create index if not exists execution_time_idx on scheduled_tasks (execution_time)");
                s.execute("create index if not exists last_heartbeat_idx on scheduled_tasks (last_heartbeat)");
                s.execute(
                        "create index if not exists priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)");
            }
            int round = 0;
            Config bestSoFar = null;
            for (boolean durable : new boolean[] {false, true}) {
                if (durable) {
                    log("restarting PostgreSQL durable (fsync=on, synchronous_commit=on)");
                    TestInfrastructure.restartPostgres(true);
                }
                String settings = settings(database);
                round++;
                String hearthPrefix = "h" + round + "-";
                DispatchBenchmark.Burst hearth = DispatchBenchmark.burst(
                        database, hearthPrefix, n, 0, DispatchBenchmark.reminders(hearthPrefix, n, 0), () -> {});
                log(String.format(
                        "Hearth: %,.0f fires/s, p99 %,d ms, exact %s", hearth.rate(), hearth.p(99), hearth.exact()));
                DispatchBenchmark.Burst best = null;
                Config bestConfig = null;
                // Every configuration on the first database; the best of them again on the durable one.
                List<Config> tried = durable && bestSoFar != null ? List.of(bestSoFar) : configs;
                for (int k = 0; k < tried.size(); k++) {
                    Config config = tried.get(k);
                    String prefix = "d" + round + k + "-";
                    List<Process> nodes = new ArrayList<>();
                    try {
                        DispatchBenchmark.Burst b = DispatchBenchmark.burst(
                                database,
                                prefix,
                                n,
                                0,
                                (s, due, timeOfDay) -> {
                                    s.executeUpdate("delete from scheduled_tasks");
                                    s.executeUpdate(
                                            "insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version) "
                                                    + "select 'hearth-reminder', '" + prefix + "' || i, timestamptz '"
                                                    + due + "', false, 1 "
                                                    + "from generate_series(1, " + n + ") i");
                                    for (int node = 1; node <= 2; node++) {
                                        nodes.add(node(database, timeOfDay, config, "node-" + node));
                                    }
                                },
                                () -> {});
                        log(String.format(
                                "db-scheduler (%s): %,.0f fires/s, p99 %,d ms, exact %s",
                                config, b.rate(), b.p(99), b.exact()));
                        if (best == null || b.rate() > best.rate()) {
                            best = b;
                            bestConfig = config;
                        }
                    } finally {
                        for (Process node : nodes) {
                            node.destroy();
                            node.waitFor();
                        }
                    }
                }
                bestSoFar = bestConfig;
                rows.append(String.format(
                        "| %,d reminders due at once, 2 replicas vs db-scheduler %s at its best of %d "
                                + "configurations tried (%s, 2 JVMs) | %s | %,.0f fires/s, lateness p99 %,d ms, %s | %,.0f fires/s, "
                                + "lateness p99 %,d ms, %s | %.2fx | >= 2x |%n",
                        n,
                        "16.7.1",
                        tried.size(),
                        bestConfig,
                        settings,
                        hearth.rate(),
                        hearth.p(99),
                        exactness(hearth),
                        best.rate(),
                        best.p(99),
                        exactness(best),
                        hearth.rate() / best.rate()));
            }
        } finally {
            for (PeerServices.Instance replica : replicas) {
                replica.close();
            }
            log("restarting PostgreSQL as the tests run it (fsync and synchronous commit off)");
            TestInfrastructure.restartPostgres(false);
        }
        String result = String.format("""

                ### %s: reminder dispatch beside db-scheduler (same database, same run)

                | path | database | Hearth | the alternative | ratio | goal |
                |---|---|---|---|---|---|
                %s""", Instant.now().truncatedTo(ChronoUnit.SECONDS), rows);
        Files.writeString(out, result, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println(result);
        System.exit(0);
    }

    private static String exactness(DispatchBenchmark.Burst b) {
        return b.duplicateRows() + b.duplicateEvents() + " duplicates, " + b.misses() + " missed";
    }

    private static Process node(String database, String timeOfDay, Config config, String name) throws Exception {
        return new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        DbSchedulerNode.class.getName(),
                        TestInfrastructure.jdbcUrl(database),
                        TestInfrastructure.DB_USER,
                        TestInfrastructure.DB_PASSWORD,
                        timeOfDay,
                        String.valueOf(config.threads()),
                        String.valueOf(config.lower()),
                        String.valueOf(config.upper()),
                        "100",
                        name))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(TestInfrastructure.projectRoot()
                        .resolve("deploy/local/.data-test/logs/db-scheduler-" + name + ".log")
                        .toFile()))
                .start();
    }

    private static Connection connect(String database) throws Exception {
        return DriverManager.getConnection(
                TestInfrastructure.jdbcUrl(database), TestInfrastructure.DB_USER, TestInfrastructure.DB_PASSWORD);
    }

    private static String settings(String database) throws Exception {
        try (Connection c = connect(database);
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("select current_setting('fsync'), current_setting('synchronous_commit')")) {
            r.next();
            return "fsync=" + r.getString(1) + ", synchronous_commit=" + r.getString(2);
        }
    }
}
