package app.hearth.membership;

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

/** What exercise-service knows of a couple, from couple-events (or confirmed with couple-service on a miss). */
@Entity
@Table(name = "couple_view")
public class CoupleView extends PanacheEntityBase {

    @Id
    @Column(name = "couple_id")
    public UUID coupleId;

    @Column(nullable = false)
    public String kind;

    /** ACTIVE or ENDED. */
    @Column(nullable = false)
    public String status;

    @Enumerated(EnumType.STRING)
    @Column(name = "check_in_cadence", nullable = false)
    public CheckInCadence checkInCadence;

    @Column(name = "pause_word_agreed", nullable = false)
    public boolean pauseWordAgreed;

    /** Both members confirmed the safety agreements (pause word, no phones, nothing used against each other). */
    @Column(name = "safety_agreements_confirmed", nullable = false)
    public boolean safetyAgreementsConfirmed;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
