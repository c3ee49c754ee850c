package app.hearth.membership;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "couple_view_member")
@IdClass(CoupleViewMember.Key.class)
public class CoupleViewMember extends PanacheEntityBase {

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

    public static boolean isMember(UUID coupleId, String partnerId) {
        return count("coupleId = ?1 and partnerId = ?2", coupleId, partnerId) > 0;
    }

    /** Whether the person is a member of any relationship still active (as this service knows them). */
    public static boolean hasActiveCouple(String partnerId) {
        return CoupleView.count(
                        "status = 'ACTIVE' and coupleId in (select m.coupleId from CoupleViewMember m where m.partnerId = ?1)",
                        partnerId)
                > 0;
    }

    public static List<String> memberIds(UUID coupleId) {
        return CoupleViewMember.<CoupleViewMember>list("coupleId = ?1 order by partnerId", coupleId).stream()
                .map(m -> m.partnerId)
                .toList();
    }
}
