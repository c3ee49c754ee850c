package app.hearth.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The launcher killed with SIGKILL (no shutdown hook runs) leaves nothing behind: PostgreSQL, Kafka and Keycloak
 * stop within their grace (the watchdog), and no port stays taken. Runs the real infrastructure on ports of its own,
 * from a data folder of its own, so it never meets the test infrastructure the other modules use.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherKilledTest {
    private static final Path ROOT =
            Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    private static final Map<String, Integer> PORTS = Map.of(
            "HEARTH_DB_PORT", 56432,
            "HEARTH_KAFKA_PORT", 56092,
            "HEARTH_KAFKA_CONTROLLER_PORT", 56093,
            "HEARTH_KEYCLOAK_PORT", 56180);

    @Test
    void aLauncherKilledWithSigkillLeavesNoProcessAndNoPortBehind() throws Exception {
        for (int port : PORTS.values()) {
            assertThat(listening(port))
                    .as("port %d is free before the test", port)
                    .isFalse();
        }
        Path data = Files.createTempDirectory("hearth-orphans");
        try {
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-cp",
                    ROOT.resolve("local-stack/target/classes")
                            + File.pathSeparator
                            + Files.readString(ROOT.resolve("local-stack/target/stack.classpath"))
                                    .trim(),
                    "app.hearth.localstack.LocalStack",
                    "infra",
                    "--root",
                    ROOT.toString(),
                    "--idle-exit",
                    "600");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(data.resolve("launcher.log").toFile());
            builder.environment().put("HEARTH_DATA_DIR", data.toString());
            PORTS.forEach((name, port) -> builder.environment().put(name, String.valueOf(port)));
            Process launcher = builder.start();

            awaitUntil(Duration.ofMinutes(4), () -> Files.exists(data.resolve("stack.ready")) || !launcher.isAlive());
            assertThat(launcher.isAlive())
                    .as("the infrastructure started: %s", tail(data.resolve("launcher.log")))
                    .isTrue();
            awaitUntil(Duration.ofSeconds(5), () -> Watchdog.recorded(data).size() >= 3);
            Map<Long, String> children = Watchdog.recorded(data);
            for (int port : PORTS.values()) {
                assertThat(listening(port)).as("port %d is served", port).isTrue();
            }

            launcher.toHandle().destroyForcibly(); // SIGKILL: the launcher's shutdown hook never runs
            launcher.waitFor();

            long killed = System.nanoTime();
            awaitUntil(
                    Duration.ofSeconds(45),
                    () -> children.keySet().stream()
                                    .noneMatch(pid -> ProcessHandle.of(pid)
                                            .map(ProcessHandle::isAlive)
                                            .orElse(false))
                            && PORTS.values().stream().noneMatch(LauncherKilledTest::listening));
            System.out.printf(
                    "[orphans] %d processes (%s) and ports %s gone %d ms after the launcher was killed%n",
                    children.size(), children, PORTS.values(), (System.nanoTime() - killed) / 1_000_000);
            assertThat(children.keySet())
                    .allSatisfy(pid -> assertThat(ProcessHandle.of(pid)
                                    .map(ProcessHandle::isAlive)
                                    .orElse(false))
                            .as("process %d", pid)
                            .isFalse());
            for (int port : PORTS.values()) {
                assertThat(listening(port)).as("port %d is free again", port).isFalse();
            }
        } finally {
            deleteQuietly(data);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(Duration limit, Condition condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (IOException e) {
                // not written yet
            }
            Thread.sleep(250);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> paths =
                    new ArrayList<>(all.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary folder
        }
    }
}
