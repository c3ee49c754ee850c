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
import java.time.Duration;
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
            "couple-service", "couples", "exercise-service", "exercises",
            "reminder-service", "reminders", "insights-service", "insights");
    private static final Map<String, String> URLS = new ConcurrentHashMap<>();

    private PeerServices() {
    }

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
            throw new IllegalStateException(jar + " is missing: these tests run " + service + " for real. Build it first "
                    + "(./mvnw -pl " + service + " package -DskipTests), or run ./mvnw verify from the root.");
        }
        String database = DATABASES.get(service) + "_peer";
        HearthTestResource.recreateDatabase(database);
        int port = freePort();
        Path log = root.resolve("deploy/local/.data-test/logs/peer-" + service + ".log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(Map.of(
                    "HEARTH_DB_HOST", TestInfrastructure.HOST,
                    "HEARTH_DB_PORT", String.valueOf(TestInfrastructure.POSTGRES_PORT),
                    "HEARTH_DB_NAME", database,
                    "HEARTH_KAFKA_BOOTSTRAP", TestInfrastructure.KAFKA_BOOTSTRAP,
                    "HEARTH_OIDC_ISSUER", TestInfrastructure.OIDC_ISSUER,
                    "QUARKUS_HTTP_PORT", String.valueOf(port)));
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
                    if (http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    process.destroy();
                    throw new IllegalStateException(service + " was not ready within 90 s; see " + log);
                }
                Thread.sleep(200);
            }
            URLS.put(service, url);
            return url;
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
