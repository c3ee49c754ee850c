package app.hearth.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A child process whose output goes to a log file, stopped together with its descendants. */
final class ChildProcess {
    /** Opens each start's part of a log that earlier starts appended to, so a failure quotes only its own start. */
    private static final String START_MARK = "---- started ";

    private static final Pattern STACK_FRAME = Pattern.compile("\\s+(at |\\.\\.\\. \\d+ (more|common frames))");

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(
                log,
                START_MARK + name + " at " + Instant.now() + System.lineSeparator(),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().putAll(env);
        return new ChildProcess(name, builder.start(), log);
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").toLowerCase().contains("win") ? "NUL" : "/dev/null");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** SIGTERM to the process and its descendants (kc.sh stays the parent of Keycloak's JVM), then SIGKILL. */
    void stop(long graceSeconds) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle child : tree) {
                child.onExit().get(graceSeconds, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Where the log is and its last lines, for an error that must explain itself where only it is printed (CI). */
    String failureHint(int lines) {
        return "See " + log + "; its last " + lines + " lines:" + System.lineSeparator() + tail(lines);
    }

    /** The last lines of the log, stack frames left out so that the exception and its causes fit. */
    private String tail(int lines) {
        try (Stream<String> all = Files.lines(log)) {
            List<String> kept = new ArrayList<>();
            all.forEach(line -> {
                if (line.startsWith(START_MARK)) {
                    kept.clear();
                } else if (!STACK_FRAME.matcher(line).lookingAt()) {
                    kept.add(line);
                }
            });
            return String.join(System.lineSeparator(), kept.subList(Math.max(0, kept.size() - lines), kept.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + log + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
