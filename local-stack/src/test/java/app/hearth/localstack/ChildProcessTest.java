package app.hearth.localstack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A component that dies while starting must say why where only the error is printed (a CI log): the end of its
 * own log as it stood when it died (this start's part only), its exception and causes kept, its stack frames left out.
 */
@DisabledOnOs(OS.WINDOWS)
class ChildProcessTest {

    @Test
    void aProcessThatDiesBeforeItIsReadyIsExplainedByTheEndOfItsLog(@TempDir Path dir) throws Exception {
        String dies = """
                echo 'starting'
                sleep 0.5
                echo 'ERROR Failed to start server'
                echo 'java.lang.IllegalStateException: disk full'
                for i in 1 2 3 4 5 6 7 8 9 10; do echo "	at org.example.Frame$i.run(Frame.java:$i)"; done
                echo 'Caused by: java.io.IOException: No space left on device'
                echo '	... 12 more'
                exit 1
                """;
        Path log = dir.resolve("logs/dies.log");
        ChildProcess.start("earlier", List.of("sh", "-c", "echo 'an earlier start'"), Map.of(), dir, log)
                .stop(5);
        ChildProcess process = ChildProcess.start("dies", List.of("sh", "-c", dies), Map.of(), dir, log);

        assertThatThrownBy(() -> new Progress()
                        .await(
                                "the server",
                                Duration.ofSeconds(30),
                                () -> false,
                                process::isAlive,
                                () -> process.failureHint(10)))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("the server exited before it was ready")
                .hasMessageContaining(log.toString())
                // Taken at the failure, not when the wait began (the log was empty then).
                .hasMessageContaining("ERROR Failed to start server")
                .hasMessageContaining("java.lang.IllegalStateException: disk full")
                .hasMessageContaining("Caused by: java.io.IOException: No space left on device")
                .hasMessageNotContaining("Frame")
                .hasMessageNotContaining("more")
                .hasMessageNotContaining("an earlier start");
    }
}
