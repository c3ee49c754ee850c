package app.hearth.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Other Hearth services a service's tests talk to for real: their packaged apps (built earlier in the same reactor
 * build), run against the test infrastructure with a database of their own ({@code <database>_peer}). Started once
 * per test JVM and stopped when it exits.
 */
public final class PeerServices {
    private static final Map<String, String> DATABASES = Map.of(
            "couple-service",
            "couples",
            "exercise-service",
            "exercises",
            "reminder-service",
            "reminders",
            "insights-service",
            "insights");
    private static final Map<String, String> URLS = new ConcurrentHashMap<>();
    private static final Map<String, Process> PROCESSES = new ConcurrentHashMap<>();
    private static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();

    private PeerServices() {}

    /** The base URL of a running peer, starting it on first use. */
    public static synchronized String url(String service) {
        String running = URLS.get(service);
        if (running != null) {
            return running;
        }
        TestInfrastructure.ensureRunning();
        Path root = TestInfrastructure.projectRoot();
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: these tests run " + service + " for real. Build it first " + "(./mvnw -pl "
                            + service + " package -DskipTests), or run ./mvnw verify from the root.");
        }
        String database = DATABASES.get(service) + "_peer";
        HearthTestResource.recreateDatabase(database);
        return start(service, jar, database, port(service));
    }

    /** Each peer's port, chosen before it starts so couple-service can be told where the others will be. */
    private static synchronized int port(String service) {
        return PORTS.computeIfAbsent(service, s -> freePort());
    }

    /**
     * Moves a peer's clock: it lives {@code offset} after the real time from now on (a test of weeks of check-ins,
     * say). {@link Duration#ZERO} puts it back.
     */
    public static void shiftClock(String service, Duration offset) {
        try {
            Path file = clockFile(service);
            Files.createDirectories(file.getParent());
            Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), offset.toString());
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            // Distinct modification times even for changes within the same millisecond.
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path clockFile(String service) {
        return TestInfrastructure.dataDir().resolve("clock/" + service + ".offset");
    }

    /** The name of the database a peer runs against. */
    public static String database(String service) {
        return DATABASES.get(service) + "_peer";
    }

    /**
     * Stops a running peer (as an orchestrator would: SIGTERM, then waits) and starts it again on the same port and
     * database, for tests of what survives a restart.
     */
    public static synchronized String restart(String service) {
        String url = url(service);
        Process process = PROCESSES.remove(service);
        URLS.remove(service);
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Path jar = TestInfrastructure.projectRoot().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        return start(service, jar, database(service), URI.create(url).getPort());
    }

    private static String start(String service, Path jar, String database, int port) {
        Map<String, String> env = new HashMap<>();
        try {
            Files.deleteIfExists(clockFile(service)); // a fresh peer starts on real time
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        env.put("HEARTH_CLOCK_OFFSET_FILE", clockFile(service).toString());
        if (!service.equals("couple-service")) {
            // Peers confirm memberships with couple-service, as in production.
            env.put("HEARTH_COUPLE_SERVICE_URL", url("couple-service"));
        } else {
            // Where the others will be once started (the export gathers their parts, GET /v1/openapi their documents).
            for (String peer : List.of("exercise", "reminder", "insights")) {
                env.put(
                        "HEARTH_" + peer.toUpperCase() + "_SERVICE_URL",
                        "http://" + TestInfrastructure.HOST + ":" + port(peer + "-service"));
            }
        }
        Instance instance = launch(service, jar, database, port, "peer-" + service, env);
        PROCESSES.put(service, instance.process());
        URLS.put(service, instance.url());
        return instance.url();
    }

    /** A running instance of a packaged service; closing it stops it (SIGTERM) and waits. */
    public record Instance(String url, Process process) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * Starts one more instance (a replica) of a packaged service against {@code database} on the test
     * infrastructure, with extra environment ({@code -Xmx} defaults to 256m), and waits until it is ready.
     */
    public static Instance replica(String service, String database, String logName, Map<String, String> env) {
        Path jar = TestInfrastructure.projectRoot().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        return replica(service, defaultJava(), jar, database, logName, env);
    }

    /** As {@link #replica(String, String, String, Map)}, run by another JDK's {@code java} from another package. */
    public static Instance replica(
            String service, Path java, Path jar, String database, String logName, Map<String, String> env) {
        TestInfrastructure.ensureRunning();
        return launch(service, java, jar, database, freePort(), logName, env, "/q/health/ready");
    }

    /**
     * As {@link #replica(String, String, String, Map)}, but returns once the instance is live, ready or not (for tests
     * of what makes a replica unready).
     */
    public static Instance liveReplica(String service, String database, String logName, Map<String, String> env) {
        TestInfrastructure.ensureRunning();
        Path jar = TestInfrastructure.projectRoot().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        return launch(service, defaultJava(), jar, database, freePort(), logName, env, "/q/health/live");
    }

    /** Where a replica started with {@code logName} writes its log. */
    public static Path log(String logName) {
        return TestInfrastructure.dataDir().resolve("logs/" + logName + ".log");
    }

    private static Path defaultJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static Instance launch(
            String service, Path jar, String database, int port, String logName, Map<String, String> env) {
        return launch(service, defaultJava(), jar, database, port, logName, env, "/q/health/ready");
    }

    private static Instance launch(
            String service,
            Path java,
            Path jar,
            String database,
            int port,
            String logName,
            Map<String, String> env,
            String awaited) {
        Path log = log(logName);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(
                            List.of(java.toString(), env.getOrDefault("JAVA_XMX", "-Xmx256m"), "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(TestInfrastructure.serviceEnvironment(database, port));
            env.forEach((name, value) -> {
                if (!name.equals("JAVA_XMX")) {
                    builder.environment().put(name, value);
                }
            });
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            String url = "http://" + TestInfrastructure.HOST + ":" + port;
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(service + " exited while starting; see " + log);
                }
                try {
                    if (http.send(
                                            HttpRequest.newBuilder(URI.create(url + awaited))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200) {
                        return new Instance(url, process);
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    process.destroy();
                    throw new IllegalStateException(
                            service + " did not answer " + awaited + " within 90 s; see " + log);
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + service + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
