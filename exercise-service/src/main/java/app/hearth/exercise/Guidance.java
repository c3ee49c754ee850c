package app.hearth.exercise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;

/** A guidance article (the guide's dark side and where to get help), in one locale. Seeded by migrations. */
@Entity
@Table(name = "guidance")
@IdClass(Guidance.Key.class)
public class Guidance extends PanacheEntityBase {

    public record Key(String slug, String locale) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    /** What intense exercises and their sessions link to: how to spot flooding, and when exercises are not enough. */
    public static final List<String> FOR_INTENSE_SESSIONS =
            List.of("/v1/guidance/emotional-flooding", "/v1/guidance/when-to-seek-help");

    @Id
    public String slug;

    @Id
    public String locale;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String summary;

    @Column(nullable = false)
    public int position;
}
