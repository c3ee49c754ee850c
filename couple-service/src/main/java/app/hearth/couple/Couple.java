package app.hearth.couple;

import app.hearth.events.CoupleEvents.CheckInCadence;
import app.hearth.events.CoupleEvents.RelationshipKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A relationship between two partners: romantic, a friendship or family. */
@Entity
public class Couple extends PanacheEntityBase {

    @Schema(name = "CoupleStatus")
    public enum Status {
        ACTIVE,
        ENDED
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RelationshipKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public Instant since;

    public LocalDate anniversary;

    /** The word either member says to pause an exercise at once (the guide's guard against emotional flooding). */
    @Column(name = "pause_word", length = 40)
    public String pauseWord;

    @Enumerated(EnumType.STRING)
    @Column(name = "check_in_cadence", nullable = false)
    public CheckInCadence checkInCadence;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** After this instant the couple's shared history is purged everywhere. */
    @Column(name = "purge_after")
    public Instant purgeAfter;

    @Version
    public long version;

    public boolean isActive() {
        return status == Status.ACTIVE;
    }
}
