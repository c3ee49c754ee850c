package app.hearth.insights.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/** The formulas behind couple insights: pure functions, each documented by what it means for the couple. */
public final class InsightMaths {

    /** The guide's five layers, in the order it builds them ("a spiral staircase, not a ladder"). */
    public enum Layer {
        SAFETY,
        OPENNESS,
        EMPATHY,
        SHARED_GROWTH,
        INTERDEPENDENCE
    }

    /** A change smaller than this (on the 1–7 or 0–10 scale) is "steady". */
    static final double STEADY = 0.5;
    /** A mean closeness gap from this on (1–7 scale) means the partners may be seeing things differently. */
    public static final double LARGE_GAP = 2.0;

    private InsightMaths() {}

    public record Streak(int periods, boolean includesCurrent, int frozen) {}

    /**
     * Consecutive periods, newest first, in which both checked in. The current period does not break the streak while
     * it is still open; a frozen period (someone on vacation) is skipped, neither counting nor breaking it.
     */
    public static Streak streak(List<String> newestFirst, Set<String> complete, Set<String> frozen) {
        int length = 0;
        int frozenSkipped = 0;
        boolean current = false;
        for (int i = 0; i < newestFirst.size(); i++) {
            String period = newestFirst.get(i);
            if (complete.contains(period)) {
                length++;
                current |= i == 0;
            } else if (frozen.contains(period)) {
                frozenSkipped++;
            } else if (i != 0) {
                break;
            }
        }
        return new Streak(length, current, frozenSkipped);
    }

    /** Mean of the last {@code k} values (fewer if there are fewer); empty when there are none. */
    public static OptionalDouble movingAverage(List<Integer> oldestFirst, int k) {
        return oldestFirst.subList(Math.max(0, oldestFirst.size() - k), oldestFirst.size()).stream()
                .mapToInt(Integer::intValue)
                .average();
    }

    public enum Direction {
        RISING,
        FALLING,
        STEADY,
        TOO_FEW
    }

    /** The last four values against the four before them (at least five values needed). */
    public static Direction direction(List<Integer> oldestFirst) {
        if (oldestFirst.size() < 5) {
            return Direction.TOO_FEW;
        }
        double recent = movingAverage(oldestFirst, 4).orElseThrow();
        double before =
                movingAverage(oldestFirst.subList(0, oldestFirst.size() - 4), 4).orElseThrow();
        double change = recent - before;
        return change >= STEADY ? Direction.RISING : change <= -STEADY ? Direction.FALLING : Direction.STEADY;
    }

    /** Mean absolute gap between the partners' ratings over the paired periods given. */
    public static OptionalDouble meanGap(List<int[]> pairs) {
        return pairs.stream().mapToInt(p -> Math.abs(p[0] - p[1])).average();
    }

    /** Whether the last {@code n + 1} values fell {@code n} times in a row ("closeness falling for three periods"). */
    public static boolean fallingFor(List<Integer> oldestFirst, int n) {
        if (oldestFirst.size() < n + 1) {
            return false;
        }
        List<Integer> tail = oldestFirst.subList(oldestFirst.size() - n - 1, oldestFirst.size());
        for (int i = 1; i < tail.size(); i++) {
            if (tail.get(i) >= tail.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    /** Whether each of the last {@code n} values is at most {@code ceiling} ("persistently low"). */
    public static boolean persistentlyAtMost(List<Integer> oldestFirst, int n, int ceiling) {
        return oldestFirst.size() >= n
                && oldestFirst.subList(oldestFirst.size() - n, oldestFirst.size()).stream()
                        .allMatch(v -> v <= ceiling);
    }

    /** Practice per layer from completed exercises' layer lists. */
    public static Map<Layer, Integer> layerCounts(List<List<String>> completedLayers) {
        Map<Layer, Integer> counts = new EnumMap<>(Layer.class);
        for (Layer layer : Layer.values()) {
            counts.put(layer, 0);
        }
        for (List<String> layers : completedLayers) {
            for (String layer : layers) {
                try {
                    counts.merge(Layer.valueOf(layer), 1, Integer::sum);
                } catch (IllegalArgumentException unknown) {
                    // a layer this version does not know: not counted
                }
            }
        }
        return counts;
    }

    /** The layer to strengthen next: the least practised, the guide's earlier layer first on a tie. */
    public static Layer nextLayer(Map<Layer, Integer> counts) {
        Layer next = Layer.SAFETY;
        for (Layer layer : Layer.values()) {
            if (counts.get(layer) < counts.get(next)) {
                next = layer;
            }
        }
        return next;
    }

    /** The layers, least practised first (ties in the guide's order). */
    public static List<Layer> weakest(Map<Layer, Integer> counts, int n) {
        List<Layer> layers = new ArrayList<>(List.of(Layer.values()));
        layers.sort((a, b) -> counts.get(a).equals(counts.get(b)) ? a.compareTo(b) : counts.get(a) - counts.get(b));
        return layers.subList(0, Math.min(n, layers.size()));
    }

    public static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
