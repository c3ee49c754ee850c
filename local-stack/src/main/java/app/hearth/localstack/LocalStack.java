package app.hearth.localstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The Hearth stack without Docker.
 *
 * <ul>
 *   <li>{@code up}: PostgreSQL, Kafka, Keycloak and the four services; runs until Ctrl-C or {@code down}.</li>
 *   <li>{@code infra}: PostgreSQL, Kafka and Keycloak for the test suites (profile {@code test}: own ports and data);
 *       exits by itself once no test JVM has held a lease for {@code --idle-exit} seconds.</li>
 *   <li>{@code down}: stops the stack that runs from the data folder.</li>
 * </ul>
 * The running launcher holds a file lock in its data folder, so a second one says so instead of failing obscurely.
 */
public final class LocalStack {
    private final StackSettings settings;
    private final Progress progress = new Progress();
    private final List<Component> started = Collections.synchronizedList(new ArrayList<>());

    private LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        String command = args.length > 0 ? args[0] : "up";
        String profile = "infra".equals(command)
                        || option(args, "--profile").filter("test"::equals).isPresent()
                ? "test"
                : "dev";
        Path root = Path.of(option(args, "--root").orElse(".")).toAbsolutePath().normalize();
        StackSettings settings = StackSettings.of(profile, root, System.getenv());
        LocalStack stack = new LocalStack(settings);
        try {
            switch (command) {
                case "up" -> stack.run(true, 0);
                case "infra" ->
                    stack.run(
                            false, Integer.parseInt(option(args, "--idle-exit").orElse("180")));
                case "down" -> stack.down();
                default -> {
                    System.err.println(
                            "usage: LocalStack up|infra|down [--root DIR] [--profile dev|test] [--idle-exit SECONDS]");
                    System.exit(2);
                }
            }
        } catch (StackException e) {
            System.err.println();
            System.err.println("Hearth stack: " + e.getMessage());
            System.exit(1);
        }
    }

    private static Optional<String> option(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Optional.of(args[i + 1]);
            }
        }
        return Optional.empty();
    }

    private void run(boolean withServices, int idleExitSeconds) throws Exception {
        Files.createDirectories(settings.logs());
        FileChannel lockChannel = FileChannel.open(
                settings.dataDir().resolve("stack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            throw new StackException("a Hearth stack is already running from " + settings.dataDir() + " (pid "
                    + readPid().map(String::valueOf).orElse("?") + "). Use it, or stop it first: Ctrl-C in its "
                    + "terminal, or deploy/local/down" + ("test".equals(settings.profile()) ? " --test" : "") + ".");
        }
        Files.deleteIfExists(readyFile());
        Files.writeString(pidFile(), String.valueOf(ProcessHandle.current().pid()));
        Watchdog.clear(settings.dataDir());
        Watchdog.watch(settings.dataDir());
        Thread recorder = recordProcessesForTheWatchdog();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            recorder.interrupt(); // no list written after this: the watchdog must find none
                            try {
                                recorder.join(2000);
                            } catch (InterruptedException ignored) {
                                Thread.currentThread().interrupt();
                            }
                            stopAll();
                            try {
                                Watchdog.clear(settings.dataDir());
                                Files.deleteIfExists(readyFile());
                                Files.deleteIfExists(pidFile());
                                lock.release();
                            } catch (IOException ignored) {
                                // the lock goes with the process anyway
                            }
                            stopped.countDown();
                        },
                        "hearth-stack-shutdown"));

        progress.say("Hearth " + ("test".equals(settings.profile()) ? "test infrastructure" : "local stack")
                + ": data in " + settings.dataDir() + ", logs in " + settings.logs());
        List<ServiceComponent> services = withServices
                ? List.of(
                        new ServiceComponent(settings, "couple-service", 8081),
                        new ServiceComponent(settings, "exercise-service", 8082),
                        new ServiceComponent(settings, "reminder-service", 8083),
                        new ServiceComponent(settings, "insights-service", 8084))
                : List.of();
        try {
            start(new PostgresComponent(settings));
            start(new KafkaComponent(settings));
            start(new KeycloakComponent(settings));
            // The services boot in parallel (each takes a few seconds), then we wait for all of them.
            for (ServiceComponent service : services) {
                start(service);
            }
            for (ServiceComponent service : services) {
                service.awaitReady(progress);
            }
        } catch (Exception e) {
            progress.say("start failed: " + e.getMessage());
            stopAll();
            throw e instanceof StackException se ? se : new StackException(e.toString(), e);
        }
        Files.writeString(readyFile(), String.valueOf(ProcessHandle.current().pid()));
        if (withServices) {
            printWelcome(services);
        } else {
            progress.say("test infrastructure ready: PostgreSQL 127.0.0.1:" + settings.postgresPort() + ", Kafka "
                    + settings.kafkaBootstrap() + ", OIDC " + settings.oidcIssuer());
        }
        if (idleExitSeconds > 0) {
            new LeaseWatcher(settings.dataDir().resolve("leases"), idleExitSeconds, progress).watchThenExit();
        }
        stopped.await();
    }

    private void start(Component component) throws Exception {
        started.add(component);
        component.start(progress);
    }

    /**
     * Keeps the watchdog's list current every second, while components start (Keycloak's process exists long before
     * its start returns) and after (a restarted one has a new pid).
     */
    private Thread recordProcessesForTheWatchdog() {
        Thread recorder = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            List<Component> now;
                            synchronized (started) {
                                now = List.copyOf(started);
                            }
                            if (!now.isEmpty()) {
                                Watchdog.record(settings.dataDir(), now);
                            }
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        } catch (IOException | RuntimeException e) {
                            // the next pass tries again
                        }
                    }
                },
                "hearth-stack-watchdog-list");
        recorder.setDaemon(true);
        recorder.start();
        return recorder;
    }

    private void stopAll() {
        List<Component> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
            started.clear();
        }
        Collections.reverse(toStop);
        for (Component component : toStop) {
            progress.say("stopping " + component.name());
            component.stop();
        }
        if (!toStop.isEmpty()) {
            progress.say("stopped");
        }
    }

    private void printWelcome(List<ServiceComponent> services) {
        String issuer = settings.oidcIssuer();
        StringBuilder out = new StringBuilder();
        out.append("\nHearth is up. Ctrl-C (or deploy/local/down from another shell) stops everything.\n\n");
        out.append(String.format("  %-18s %-34s %s%n", "what", "URL", "docs"));
        for (ServiceComponent service : services) {
            String base = "http://127.0.0.1:" + service.port();
            out.append(String.format("  %-18s %-34s %s%n", service.name(), base + "/v1", base + "/q/swagger-ui"));
        }
        out.append(String.format(
                "  %-18s %-34s %s%n",
                "Keycloak", issuer, issuer.replace("/realms/hearth", "/admin") + "  (admin/admin)"));
        out.append(String.format("  %-18s %-34s%n", "Kafka bootstrap", settings.kafkaBootstrap()));
        out.append(String.format(
                "  %-18s %-34s %s%n",
                "PostgreSQL",
                settings.dbHost() + ":" + settings.postgresPort(),
                "databases " + String.join(", ", StackSettings.DATABASES)));
        out.append(String.format("  %-18s %s%n%n", "logs", settings.logs()));
        out.append("Try it (alice/alice; bob, carol and olivia work the same way):\n\n");
        out.append(
                "  TOKEN=$(curl -s -d client_id=hearth-app -d grant_type=password -d username=alice -d password=alice \\\n");
        out.append("      " + issuer
                + "/protocol/openid-connect/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')\n");
        out.append("  curl -s -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8081/v1/me\n");
        System.out.println(out);
        System.out.flush();
    }

    private void down() throws Exception {
        Optional<Long> pid = readPid();
        Optional<ProcessHandle> handle = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            System.out.println("no Hearth stack is running from " + settings.dataDir());
            return;
        }
        System.out.println("stopping the Hearth stack (pid " + pid.get() + ") ...");
        handle.get().destroy();
        handle.get().onExit().get();
        System.out.println("stopped");
    }

    private Optional<Long> readPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile()).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Path pidFile() {
        return settings.dataDir().resolve("stack.pid");
    }

    private Path readyFile() {
        return settings.dataDir().resolve("stack.ready");
    }

    /** Test JVMs hold a lease (a file named by their pid) while they use the test infrastructure. */
    private record LeaseWatcher(Path dir, int idleExitSeconds, Progress progress) {
        void watchThenExit() throws IOException {
            Files.createDirectories(dir);
            long idleSince = System.nanoTime();
            while (true) {
                Progress.sleep(2000);
                boolean anyAlive = false;
                try (Stream<Path> leases = Files.list(dir)) {
                    for (Path lease : leases.toList()) {
                        boolean alive = parsePid(lease)
                                .flatMap(ProcessHandle::of)
                                .map(ProcessHandle::isAlive)
                                .orElse(false);
                        if (alive) {
                            anyAlive = true;
                        } else {
                            Files.deleteIfExists(lease);
                        }
                    }
                }
                if (anyAlive) {
                    idleSince = System.nanoTime();
                } else if (Progress.elapsedSeconds(idleSince) > idleExitSeconds) {
                    progress.say("no test has used the infrastructure for " + idleExitSeconds + " s: stopping");
                    System.exit(0);
                }
            }
        }

        private static Optional<Long> parsePid(Path lease) {
            try {
                return Optional.of(Long.parseLong(lease.getFileName().toString()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
