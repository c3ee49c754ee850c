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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A couple doing one exercise together. Paused for both at once; a plan spans days. */
@Entity
@Table(name = "exercise_session")
public class ExerciseSession extends PanacheEntityBase {

    /** ENDED: a partner ended it early; LAPSED: paused and left untouched for a week. */
    @Schema(name = "SessionStatus")
    public enum Status {
        ACTIVE,
        PAUSED,
        COMPLETED,
        ENDED,
        LAPSED
    }

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

    /** What pacing counts: the more demanding of the exercise's catalogue level and {@link #level}. */
    @Enumerated(EnumType.STRING)
    @Column(name = "pacing_level", nullable = false)
    public Level pacingLevel;

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

    @Column(name = "ended_by")
    public String endedBy;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** Why it was ended, if the partner who ended it said (seen by the couple only). */
    @Column(name = "end_reason")
    public String endReason;

    /** The last answer, pause, resume or rating: what "untouched" is measured from. */
    @Column(name = "last_activity_at", nullable = false)
    public Instant lastActivityAt;

    public boolean isOpen() {
        return status == Status.ACTIVE || status == Status.PAUSED;
    }

    @Version
    public long version;
}
