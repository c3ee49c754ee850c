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
@Table(name = "exercise_step")
@IdClass(ExerciseStep.Key.class)
public class ExerciseStep extends PanacheEntityBase {

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
    @Column(name = "step_type", nullable = false)
    public StepType type;

    @Column(nullable = false)
    public String title;

    public String instruction;

    /** How long, said the way people say it ("5 minutes each, no interruptions"). */
    public String timing;

    public static List<ExerciseStep> of(String slug) {
        return list("slug = ?1 order by position", slug);
    }
}
