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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One block of a guidance article, in order: a heading, a paragraph, a definition, a list item, a quote, a table row. */
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
        ITEM,
        QUOTE,
        /** A table's header row: its cells are the column names. */
        TABLE_HEADER,
        TABLE_ROW,
        /** What the table above shows. */
        CAPTION,
        /** Where the figures above come from, as the guide gives it. */
        SOURCE
    }

    /** A table row's cells (stored tab-separated), or null for any other block. */
    public List<String> cells() {
        return kind == Kind.TABLE_HEADER || kind == Kind.TABLE_ROW ? List.of(text.split("\t", -1)) : null;
    }

    /** The block as plain text: a row's cells separated by " | ". */
    public String plainText() {
        return cells() == null ? text : String.join(" | ", cells());
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
