package app.hearth.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.exercise.ExercisePrompt.Choice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionPromptsTest {

    private static ExercisePrompt prompt(int position, Level level) {
        ExercisePrompt p = new ExercisePrompt();
        p.position = position;
        p.level = level;
        p.answerKind = ExercisePrompt.AnswerKind.TEXT;
        return p;
    }

    private static List<ExercisePrompt> thirtySix() {
        List<ExercisePrompt> prompts = new ArrayList<>();
        for (int i = 36; i >= 1; i--) { // out of order on purpose
            prompts.add(prompt(i, i <= 12 ? Level.BEGINNER : i <= 24 ? Level.INTERMEDIATE : Level.ADVANCED));
        }
        return prompts;
    }

    @Test
    void inSequenceEachLevelAddsASetInOrder() {
        assertThat(SessionPrompts.playable(Exercise.PromptsPlay.IN_SEQUENCE, Level.BEGINNER, thirtySix()))
                .hasSize(12);
        assertThat(SessionPrompts.playable(Exercise.PromptsPlay.IN_SEQUENCE, Level.INTERMEDIATE, thirtySix()))
                .hasSize(24);
        List<ExercisePrompt> all =
                SessionPrompts.playable(Exercise.PromptsPlay.IN_SEQUENCE, Level.ADVANCED, thirtySix());
        assertThat(all)
                .extracting(p -> p.position)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 36).boxed().toList());
    }

    @Test
    void onePerLevelTakesTheSessionsLevelOrTheNearestBelowOrTheGentlest() {
        List<ExercisePrompt> variants =
                List.of(prompt(1, Level.BEGINNER), prompt(2, Level.INTERMEDIATE), prompt(3, Level.ADVANCED));
        assertThat(SessionPrompts.playable(Exercise.PromptsPlay.ONE_PER_LEVEL, Level.INTERMEDIATE, variants))
                .extracting(p -> p.position)
                .containsExactly(2);
        List<ExercisePrompt> gapped = List.of(prompt(1, Level.BEGINNER), prompt(3, Level.ADVANCED));
        assertThat(SessionPrompts.playable(Exercise.PromptsPlay.ONE_PER_LEVEL, Level.INTERMEDIATE, gapped))
                .extracting(p -> p.position)
                .containsExactly(1);
        List<ExercisePrompt> onlyAdvanced = List.of(prompt(1, Level.ADVANCED));
        assertThat(SessionPrompts.playable(Exercise.PromptsPlay.ONE_PER_LEVEL, Level.BEGINNER, onlyAdvanced))
                .hasSize(1);
        assertThat(SessionPrompts.playable(null, Level.BEGINNER, variants)).isEmpty();
    }

    @Test
    void theStarterAsksFirstThenTheyAlternateEvenWhenTheStarterIsGone() {
        List<String> members = List.of("zoe", "adam");
        assertThat(SessionPrompts.asker(0, "zoe", members)).isEqualTo("zoe");
        assertThat(SessionPrompts.asker(1, "zoe", members)).isEqualTo("adam");
        assertThat(SessionPrompts.asker(2, "zoe", members)).isEqualTo("zoe");
        assertThat(SessionPrompts.asker(0, null, members)).isEqualTo("adam");
        assertThat(SessionPrompts.asker(3, null, List.of("adam"))).isEqualTo("adam");
        assertThat(SessionPrompts.asker(0, "x", List.of())).isNull();
    }

    @Test
    void progressAndTheCurrentPromptCountWhatBothAnswered() {
        List<ExercisePrompt> prompts =
                SessionPrompts.playable(Exercise.PromptsPlay.IN_SEQUENCE, Level.BEGINNER, thirtySix());
        assertThat(SessionPrompts.progress(prompts, Set.of(1, 2, 3), Set.of(1, 3)))
                .isEqualTo(new SessionPrompts.Progress(12, 2, 3, 2));
        assertThat(SessionPrompts.current(prompts, Set.of(1, 2, 3), Set.of(1, 3)))
                .get()
                .extracting(p -> p.position)
                .isEqualTo(2);
        Set<Integer> everything = IntStream.rangeClosed(1, 12).boxed().collect(Collectors.toSet());
        assertThat(SessionPrompts.current(prompts, everything, everything)).isEmpty();
    }

    @Test
    void aScoreCountsOnlyTheStatementsItIsAskedToCount() {
        ExercisePrompt myth = prompt(1, Level.BEGINNER);
        myth.correctChoice = Choice.MYTH;
        ExercisePrompt fact = prompt(2, Level.BEGINNER);
        fact.correctChoice = Choice.TRUE;
        List<ExercisePrompt> quiz = List.of(myth, fact);
        Map<Integer, Choice> choices = Map.of(1, Choice.MYTH, 2, Choice.MYTH);
        assertThat(SessionPrompts.score(quiz, choices, Set.of(1, 2))).isEqualTo(new SessionPrompts.Score(1, 2));
        assertThat(SessionPrompts.score(quiz, choices, Set.of(2))).isEqualTo(new SessionPrompts.Score(0, 1));
        assertThat(SessionPrompts.score(quiz, Map.of(), Set.of(1, 2))).isEqualTo(new SessionPrompts.Score(0, 0));
    }
}
