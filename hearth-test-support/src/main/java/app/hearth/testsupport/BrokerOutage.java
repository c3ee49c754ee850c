package app.hearth.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real broker outage for tests: the test Kafka process is suspended (SIGSTOP), so clients see a broker that no
 * longer answers, then resumed (SIGCONT). Always resume in a finally block.
 */
public final class BrokerOutage implements AutoCloseable {
    private final long pid;

    private BrokerOutage(long pid) {
        this.pid = pid;
    }

    public static BrokerOutage begin() {
        TestInfrastructure.ensureRunning();
        Path pidFile = TestInfrastructure.dataDir().resolve("kafka.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            signal("-STOP", pid);
            return new BrokerOutage(pid);
        } catch (IOException e) {
            throw new IllegalStateException("cannot find the test broker's pid in " + pidFile, e);
        }
    }

    @Override
    public void close() {
        signal("-CONT", pid);
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, String.valueOf(pid))
                    .inheritIO()
                    .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
