package app.hearth.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What the benchmark harnesses (bench/*) share: options, percentiles, progress lines. */
public final class Benchmarks {

    private Benchmarks() {}

    /** The value after {@code name} on the command line, or {@code fallback}. */
    public static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** The nearest-rank percentile of sorted values; -1 when there are none. */
    public static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty()
                ? -1
                : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** CPU seconds of a part of the stack: all of it, and of it the JIT compilers' threads (a JVM warming up). */
    public record Cpu(double total, double jit) {
        Cpu plus(Cpu other) {
            return new Cpu(total + other.total, jit + other.jit);
        }

        public Cpu minus(Cpu earlier) {
            return new Cpu(total - earlier.total, jit - earlier.jit);
        }
    }

    /**
     * CPU (user + system) used so far by the processes whose command line contains each pattern, per label; a process
     * counts for the first pattern it contains, in the map's order (Linux's /proc; empty elsewhere). Two readings
     * around a phase say what each part of the stack spent on it.
     */
    public static Map<String, Cpu> cpuSeconds(Map<String, String> labelToPattern) {
        Map<String, Cpu> used = new LinkedHashMap<>();
        labelToPattern.keySet().forEach(label -> used.put(label, new Cpu(0, 0)));
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return Map.of();
        }
        try (Stream<Path> pids = Files.list(proc)) {
            for (Path dir : pids.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(dir.resolve("cmdline"))).replace('\0', ' ');
                    var label = labelToPattern.entrySet().stream()
                            .filter(e -> cmd.contains(e.getValue()))
                            .findFirst();
                    if (label.isEmpty()) {
                        continue;
                    }
                    double jit = 0;
                    try (Stream<Path> tasks = Files.list(dir.resolve("task"))) {
                        for (Path task : tasks.toList()) {
                            String stat = Files.readString(task.resolve("stat"));
                            if (stat.contains("(C1 CompilerThre") || stat.contains("(C2 CompilerThre")) {
                                jit += seconds(stat);
                            }
                        }
                    }
                    used.merge(
                            label.get().getKey(),
                            new Cpu(seconds(Files.readString(dir.resolve("stat"))), jit),
                            Cpu::plus);
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we read it
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return used;
    }

    /** utime + stime of a /proc stat line, in seconds (USER_HZ is 100 on Linux). */
    private static double seconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    public static void log(String message) {
        System.out.println("[bench] " + message);
    }
}
