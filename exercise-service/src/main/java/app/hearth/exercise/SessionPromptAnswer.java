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
import java.time.Instant;
import java.util.UUID;

/**
 * One partner's answer to one prompt of a session: words, a skip, a tick or a quiz choice. Hidden from the partner
 * until both answered (never shown at all when the exercise's answers are private); ticks are shared as they happen.
 */
@Entity
@Table(name = "session_prompt_answer")
@IdClass(SessionPromptAnswer.Key.class)
public class SessionPromptAnswer extends PanacheEntityBase {

    public record Key(UUID sessionId, int promptPosition, String partnerId) implements Serializable {
        public Key() {
            this(null, 0, null);
        }
    }

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Id
    @Column(name = "prompt_position")
    public int promptPosition;

    @Id
    @Column(name = "partner_id")
    public String partnerId;

    /** Words, for a TEXT prompt that was not skipped. */
    public String answer;

    @Enumerated(EnumType.STRING)
    public ExercisePrompt.Choice choice;

    /** "Skip any question": a skipped prompt counts as answered, with nothing to reveal. */
    @Column(nullable = false)
    public boolean skipped;

    @Column(name = "answered_at", nullable = false)
    public Instant answeredAt;
}
