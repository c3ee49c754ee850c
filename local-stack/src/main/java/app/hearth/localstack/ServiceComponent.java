package app.hearth.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One Hearth service, run as its packaged Quarkus app against the stack's PostgreSQL, Kafka and OIDC provider. */
final class ServiceComponent implements Component {
    private final StackSettings settings;
    private final String module;
    private final int port;
    private ChildProcess process;

    ServiceComponent(StackSettings settings, String module, int port) {
        this.settings = settings;
        this.module = module;
        this.port = port;
    }

    @Override
    public String name() {
        return module;
    }

    int port() {
        return port;
    }

    @Override
    public void start(Progress progress) throws Exception {
        Path jar = settings.root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new StackException(jar + " is missing: build the services first (./mvnw -DskipTests package).");
        }
        if (Ports.isOpen(port)) {
            throw new StackException("port " + port + " is already taken, so " + module + " cannot start.");
        }
        Map<String, String> env = Map.of(
                "HEARTH_DB_HOST",
                settings.dbHost(),
                "HEARTH_DB_PORT",
                String.valueOf(settings.postgresPort()),
                "HEARTH_DB_USER",
                settings.dbUser(),
                "HEARTH_DB_PASSWORD",
                settings.dbPassword(),
                "HEARTH_KAFKA_BOOTSTRAP",
                settings.kafkaBootstrap(),
                "HEARTH_OIDC_ISSUER",
                settings.oidcIssuer(),
                "QUARKUS_HTTP_PORT",
                String.valueOf(port),
                // Local mode: e.g. webhooks may go to a receiver on this machine over plain http.
                "HEARTH_LOCAL_MODE",
                "true",
                // The local realm's client that deletes erased people's logins (couple-service).
                "HEARTH_ACCOUNT_ERASER_SECRET",
                "hearth-account-eraser-secret",
                // A web app in development (a Vite dev server's usual origin) may call the local services.
                "HEARTH_CORS_ORIGINS",
                settings.env().getOrDefault("HEARTH_CORS_ORIGINS", "http://127.0.0.1:5173,http://localhost:5173"));
        process = ChildProcess.start(
                module,
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        jar.toString()),
                env,
                settings.root().resolve(module),
                settings.logs().resolve(module + ".log"));
        progress.say("starting " + module + " on http://127.0.0.1:" + port);
    }

    void awaitReady(Progress progress) {
        progress.await(
                module + " /q/health/ready",
                Duration.ofMinutes(2),
                () -> Ports.answers200("http://127.0.0.1:" + port + "/q/health/ready"),
                process::isAlive,
                () -> process.failureHint(30));
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop(20);
            process = null;
        }
    }

    @Override
    public Map<Long, String> processes() {
        return process == null ? Map.of() : Map.of(process.pid(), "TERM");
    }
}
