package app.hearth.couple;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A partner's membership of a couple. */
@Entity
@Table(name = "couple_member")
@IdClass(CoupleMember.Key.class)
public class CoupleMember extends PanacheEntityBase {

    public record Key(UUID coupleId, String partnerId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "couple_id")
    public UUID coupleId;

    @Id
    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "joined_at", nullable = false)
    public Instant joinedAt;

    /** When this member confirmed the couple's safety agreements; null until they do (or after the pause word changed). */
    @Column(name = "safety_agreements_confirmed_at")
    public Instant safetyAgreementsConfirmedAt;

    public static List<CoupleMember> ofCouple(UUID coupleId) {
        return list("coupleId = ?1 order by joinedAt, partnerId", coupleId);
    }

    public static List<CoupleMember> ofPartner(String partnerId) {
        return list("partnerId", partnerId);
    }

    /** Both members of a pair confirmed the safety agreements (for the pause word agreed now). */
    public static boolean safetyAgreementsInForce(List<CoupleMember> members) {
        return members.size() == 2 && members.stream().allMatch(m -> m.safetyAgreementsConfirmedAt != null);
    }

    public static boolean isMember(UUID coupleId, String partnerId) {
        return count("coupleId = ?1 and partnerId = ?2", coupleId, partnerId) > 0;
    }
}
