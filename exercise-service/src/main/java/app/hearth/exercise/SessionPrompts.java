package app.hearth.exercise;

import app.hearth.exercise.ExercisePrompt.Choice;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The rules of playing prompts in a session: which ones it plays, who asks, progress and quiz scores. */
public final class SessionPrompts {

    private SessionPrompts() {}

    /**
     * The prompts a session at {@code level} plays, in order. In sequence: every prompt up to the session's level
     * (the 36 questions: set one at BEGINNER, two sets at INTERMEDIATE, all three at ADVANCED). One per level: the
     * prompts of the session's level, or of the nearest level below it (or the gentlest there is).
     */
    public static List<ExercisePrompt> playable(Exercise.PromptsPlay play, Level level, List<ExercisePrompt> prompts) {
        if (play == null || prompts.isEmpty()) {
            return List.of();
        }
        List<ExercisePrompt> ordered = prompts.stream()
                .sorted(Comparator.comparingInt(p -> p.position))
                .toList();
        if (play == Exercise.PromptsPlay.IN_SEQUENCE) {
            return ordered.stream().filter(p -> p.level.compareTo(level) <= 0).toList();
        }
        Level chosen = ordered.stream()
                .map(p -> p.level)
                .filter(l -> l.compareTo(level) <= 0)
                .max(Comparator.naturalOrder())
                .orElseGet(() -> ordered.stream()
                        .map(p -> p.level)
                        .min(Comparator.naturalOrder())
                        .orElseThrow());
        return ordered.stream().filter(p -> p.level == chosen).toList();
    }

    /**
     * The next level a session played in sequence can go deeper to (the 36 questions: the next set), or null when it
     * plays the deepest prompts already or does not play prompts in sequence.
     */
    public static Level deeperLevel(Exercise.PromptsPlay play, Level level, List<ExercisePrompt> prompts) {
        if (play != Exercise.PromptsPlay.IN_SEQUENCE) {
            return null;
        }
        return prompts.stream()
                .map(p -> p.level)
                .filter(l -> l.compareTo(level) > 0)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    /** How many prompts a session played in sequence holds back for deeper levels. */
    public static int heldBack(Exercise.PromptsPlay play, Level level, List<ExercisePrompt> prompts) {
        return play != Exercise.PromptsPlay.IN_SEQUENCE
                ? 0
                : (int) prompts.stream()
                        .filter(p -> p.level.compareTo(level) > 0)
                        .count();
    }

    /** Whether partners take turns asking: conversations played in sequence (the 36 questions), not quizzes or lists. */
    public static boolean takesTurns(Exercise exercise) {
        return exercise.promptsPlay == Exercise.PromptsPlay.IN_SEQUENCE
                && !exercise.answersPrivate
                && (exercise.kind == ExerciseKind.CONVERSATION || exercise.kind == ExerciseKind.RITUAL);
    }

    /**
     * Who asks the {@code index}-th prompt (from 0): whoever started the session asks the first, then they alternate.
     * With the starter gone (erased), the first member by id starts.
     */
    public static String asker(int index, String starter, List<String> members) {
        List<String> sorted = members.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return null;
        }
        int first = Math.max(0, sorted.indexOf(starter));
        return sorted.get((first + index) % sorted.size());
    }

    /** The first prompt not yet answered (or skipped) by both partners, if any. */
    public static Optional<ExercisePrompt> current(
            List<ExercisePrompt> playable, Set<Integer> mine, Set<Integer> partner) {
        return playable.stream()
                .filter(p -> !mine.contains(p.position) || !partner.contains(p.position))
                .findFirst();
    }

    public record Progress(int total, int answeredByBoth, int mine, int partner) {}

    public static Progress progress(List<ExercisePrompt> playable, Set<Integer> mine, Set<Integer> partner) {
        int both = 0;
        int m = 0;
        int p = 0;
        for (ExercisePrompt prompt : playable) {
            boolean a = mine.contains(prompt.position);
            boolean b = partner.contains(prompt.position);
            m += a ? 1 : 0;
            p += b ? 1 : 0;
            both += a && b ? 1 : 0;
        }
        return new Progress(playable.size(), both, m, p);
    }

    public record Score(int correct, int answered) {}

    /** Correct choices among the statements in {@code counted} that were answered. */
    public static Score score(List<ExercisePrompt> playable, Map<Integer, Choice> choices, Set<Integer> counted) {
        int correct = 0;
        int answered = 0;
        for (ExercisePrompt prompt : playable) {
            Choice choice = choices.get(prompt.position);
            if (prompt.correctChoice == null || choice == null || !counted.contains(prompt.position)) {
                continue;
            }
            answered++;
            correct += choice == prompt.correctChoice ? 1 : 0;
        }
        return new Score(correct, answered);
    }
}
