package app.hearth.exercise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;

@Entity
@Table(name = "exercise_prompt")
@IdClass(ExercisePrompt.Key.class)
public class ExercisePrompt extends PanacheEntityBase {

    public record Key(String slug, int position) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    public String slug;

    @Id
    public int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Level level;

    @Column(nullable = false)
    public String text;

    /** How a partner answers: in words, by ticking (a checklist item), or by judging a statement (a quiz). */
    public enum AnswerKind {
        TEXT,
        TICK,
        CHOICE
    }

    /** The choices of a quiz statement. */
    public enum Choice {
        MYTH,
        TRUE
    }

    /** The step the prompt belongs to (a set of the 36 questions, say); null for prompts that stand alone. */
    @Column(name = "step_position")
    public Integer stepPosition;

    @Enumerated(EnumType.STRING)
    @Column(name = "answer_kind", nullable = false)
    public AnswerKind answerKind;

    /** More about a checklist item. */
    public String detail;

    /** A quiz statement's answer: shown to a partner only after they gave theirs. */
    @Enumerated(EnumType.STRING)
    @Column(name = "correct_choice")
    public Choice correctChoice;

    public String explanation;

    /** The attachment style a self-check statement leans towards, when ticked. */
    @Enumerated(EnumType.STRING)
    public AttachmentStyle suggests;

    public static List<ExercisePrompt> of(String slug) {
        return list("slug = ?1 order by position", slug);
    }
}
