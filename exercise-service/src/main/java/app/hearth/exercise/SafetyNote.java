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
@Table(name = "exercise_safety_note")
@IdClass(SafetyNote.Key.class)
public class SafetyNote extends PanacheEntityBase {

    public record Key(String slug, int position) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    public String slug;

    @Id
    public int position;

    @Column(nullable = false)
    public String text;

    /** What the note is about; every intense exercise has PAUSE_WORD, FLOODING, I_STATEMENTS, HONESTY_WITH_EMPATHY. */
    public enum Topic {
        GENERAL,
        PAUSE_WORD,
        PACING,
        FLOODING,
        I_STATEMENTS,
        HONESTY_WITH_EMPATHY,
        OUTSIDE_HELP
    }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Topic topic;

    public static List<SafetyNote> of(String slug) {
        return list("slug = ?1 order by position", slug);
    }
}
