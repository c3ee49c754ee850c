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

    public static List<ExercisePrompt> of(String slug) {
        return list("slug = ?1 order by position", slug);
    }
}
