package app.hearth.reminder;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A planned "your partner is waiting" nudge: one per member, couple and check-in period at most (the key). */
@Entity
@Table(name = "partner_nudge")
@IdClass(PartnerNudge.Key.class)
public class PartnerNudge extends PanacheEntityBase {

    public record Key(UUID coupleId, String partnerId, String period) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }

    @Id
    @Column(name = "couple_id")
    public UUID coupleId;

    /** The member who has not checked in yet. */
    @Id
    @Column(name = "partner_id")
    public String partnerId;

    /** The period of that member's own calendar. */
    @Id
    public String period;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    /** When it was handled (a notification, or dropped because they checked in meanwhile). */
    @Column(name = "fired_at")
    public Instant firedAt;
}
