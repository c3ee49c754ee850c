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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One block of a guidance article, in order: a heading, a paragraph, a definition or a list item. */
@Entity
@Table(name = "guidance_block")
@IdClass(GuidanceBlock.Key.class)
public class GuidanceBlock extends PanacheEntityBase {

    public record Key(String slug, String locale, int position) implements Serializable {
        public Key() {
            this(null, null, 0);
        }
    }

    @Schema(name = "GuidanceBlockKind")
    public enum Kind {
        HEADING,
        PARAGRAPH,
        DEFINITION,
        ITEM
    }

    @Id
    public String slug;

    @Id
    public String locale;

    @Id
    public int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String text;
}
