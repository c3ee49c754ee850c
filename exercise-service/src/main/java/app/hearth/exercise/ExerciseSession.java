package app.hearth.exercise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A couple doing one exercise together. Paused for both at once; a plan spans days. */
@Entity
@Table(name = "exercise_session")
public class ExerciseSession extends PanacheEntityBase {

    public enum Status { ACTIVE, PAUSED, COMPLETED }

    @Id
    public UUID id;

    @Column(name = "couple_id", nullable = false)
    public UUID coupleId;

    @Column(name = "exercise_slug", nullable = false)
    public String exerciseSlug;

    /** The prompt level the couple chose (defaults to the exercise's level). */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Level level;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "started_by")
    public String startedBy;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "paused_by")
    public String pausedBy;

    @Column(name = "paused_at")
    public Instant pausedAt;

    @Column(name = "pause_word_said", nullable = false)
    public boolean pauseWordSaid;

    @Column(name = "resume_not_before")
    public Instant resumeNotBefore;

    @Column(name = "pause_count", nullable = false)
    public int pauseCount;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Version
    public long version;
}
