package app.hearth.exercise;

import app.hearth.events.CoupleEvents.RelationshipKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import java.util.EnumSet;
import java.util.Set;
import org.hibernate.annotations.BatchSize;

/** An exercise of the catalogue. Content is seeded by migrations; the application only reads it. */
@Entity
public class Exercise extends PanacheEntityBase {

    @Id
    public String slug;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String summary;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExerciseKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Level level;

    /** Shows the couple's pause word before its steps (advanced work, or what the guide says to pace carefully). */
    @Column(nullable = false)
    public boolean intense;

    /** Whether a session of it at this pacing level is intense work: an intense exercise, or advanced work of any. */
    public boolean isIntenseAt(Level pacingLevel) {
        return intense || pacingLevel == Level.ADVANCED;
    }

    @Column(nullable = false)
    public int minutes;

    /** How a session plays the prompts: the one at its level, or all of them in order (up to its level). */
    public enum PromptsPlay {
        ONE_PER_LEVEL,
        IN_SEQUENCE
    }

    /** Null when the exercise has no prompts. */
    @Enumerated(EnumType.STRING)
    @Column(name = "prompts_play")
    public PromptsPlay promptsPlay;

    /** Answers are seen by their author only; the partner sees that they were given (a self-assessment). */
    @Column(name = "answers_private", nullable = false)
    public boolean answersPrivate;

    /** The language the content is written in. */
    @Column(nullable = false)
    public String locale;

    /** A ritual for partners who live apart. */
    @Column(name = "long_distance", nullable = false)
    public boolean longDistance;

    @Column(name = "content_version", nullable = false)
    public int contentVersion;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "exercise_layer", joinColumns = @JoinColumn(name = "slug"))
    @Column(name = "layer")
    @Enumerated(EnumType.STRING)
    @BatchSize(size = 50)
    public Set<Layer> layers = EnumSet.noneOf(Layer.class);

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "exercise_relationship_kind", joinColumns = @JoinColumn(name = "slug"))
    @Column(name = "relationship_kind")
    @Enumerated(EnumType.STRING)
    @BatchSize(size = 50)
    public Set<RelationshipKind> relationshipKinds = EnumSet.noneOf(RelationshipKind.class);
}
