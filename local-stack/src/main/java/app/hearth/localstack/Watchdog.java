package app.hearth.localstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stops the stack's processes if the launcher dies without stopping them (SIGKILL, an OOM kill, a closed terminal):
 * a small shell process, started by the launcher, waits for it to end; if the launcher's own shutdown did not remove
 * {@code children.pids} (where the launcher keeps the processes it started and the signal that stops each), it
 * signals them (and their children), waits up to 30 s, then kills what is left. A launcher that stops normally
 * removes the file first, and the watchdog just exits.
 */
final class Watchdog {
    static final String FILE = "children.pids";

    private static final String SCRIPT = """
            launcher=$1; list=$2
            while kill -0 "$launcher" 2>/dev/null; do sleep 1; done
            [ -f "$list" ] || exit 0
            while read -r pid signal; do
              pkill -"$signal" -P "$pid" 2>/dev/null; kill -"$signal" "$pid" 2>/dev/null
            done < "$list"
            for _ in $(seq 1 30); do
              alive=0
              while read -r pid signal; do kill -0 "$pid" 2>/dev/null && alive=1; done < "$list"
              [ "$alive" = 0 ] && break
              sleep 1
            done
            while read -r pid signal; do
              pkill -KILL -P "$pid" 2>/dev/null; kill -KILL "$pid" 2>/dev/null
            done < "$list"
            rm -f "$list"
            """;

    private Watchdog() {}

    /** Starts the watchdog of the current process, for the processes listed in {@code dataDir/children.pids}. */
    static void watch(Path dataDir) throws IOException {
        new ProcessBuilder(
                        "sh",
                        "-c",
                        SCRIPT,
                        "hearth-stack-watchdog",
                        String.valueOf(ProcessHandle.current().pid()),
                        dataDir.resolve(FILE).toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    /** Writes what the components run now (replacing the list), one {@code pid SIGNAL} per line. */
    static void record(Path dataDir, List<Component> components) throws IOException {
        String lines = components.stream()
                .flatMap(c -> c.processes().entrySet().stream())
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        Path file = dataDir.resolve(FILE);
        Path next = dataDir.resolve(FILE + ".next");
        Files.writeString(next, lines);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
    }

    static void clear(Path dataDir) throws IOException {
        Files.deleteIfExists(dataDir.resolve(FILE));
    }

    static Map<Long, String> recorded(Path dataDir) throws IOException {
        return Files.readAllLines(dataDir.resolve(FILE)).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.trim().split(" "))
                .collect(Collectors.toMap(p -> Long.parseLong(p[0]), p -> p[1], (a, b) -> a));
    }
}
