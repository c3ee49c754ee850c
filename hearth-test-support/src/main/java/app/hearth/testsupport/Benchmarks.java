package app.hearth.testsupport;

import java.util.List;

/** What the benchmark harnesses (bench/*) share: options, percentiles, progress lines. */
public final class Benchmarks {

    private Benchmarks() {
    }

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
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    public static void log(String message) {
        System.out.println("[bench] " + message);
    }
}
