package app.hearth.exercise;

import app.hearth.events.ExerciseEvents.Mood;
import app.hearth.events.ExerciseEvents.ScreenTime;
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
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One partner's answers for a period. The shared answers are shown to the other partner only once both submitted;
 * the private note is shown to nobody but its author.
 */
@Entity
@Table(name = "check_in_submission")
@IdClass(CheckInSubmission.Key.class)
public class CheckInSubmission extends PanacheEntityBase {

    public record Key(UUID checkInId, String partnerId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "check_in_id")
    public UUID checkInId;

    @Id
    @Column(name = "partner_id")
    public String partnerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Mood mood;

    @Column(name = "mood_intensity", nullable = false)
    public short moodIntensity;

    @Column(nullable = false)
    public short closeness;

    @Column(nullable = false)
    public short satisfaction;

    @Enumerated(EnumType.STRING)
    @Column(name = "screen_time", nullable = false)
    public ScreenTime screenTime;

    public String gratitude;

    public String challenging;

    public String need;

    @Column(name = "private_note")
    public String privateNote;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The answers' version (their ETag): when they were last written, in the microseconds the database keeps. */
    public long version() {
        return versionOf(updatedAt);
    }

    public static long versionOf(Instant updatedAt) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, updatedAt);
    }
}
