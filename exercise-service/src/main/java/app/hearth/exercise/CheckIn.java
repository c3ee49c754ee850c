package app.hearth.exercise;

import app.hearth.events.CoupleEvents.CheckInCadence;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A couple's check-in for one period; completed once both partners submitted. */
@Entity
@Table(name = "check_in")
public class CheckIn extends PanacheEntityBase {

    @Schema(name = "CheckInStatus")
    public enum Status {
        OPEN,
        COMPLETED
    }

    @Id
    public UUID id;

    @Column(name = "couple_id", nullable = false)
    public UUID coupleId;

    /** {@code 2026-11-24} (DAILY) or {@code 2026-W48} (WEEKLY). */
    @Column(nullable = false)
    public String period;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CheckInCadence cadence;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;
}
