package app.hearth.membership;

import app.hearth.platform.privacy.PersonalData;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Set;
import java.util.UUID;

/**
 * The membership view's part: who is in which couple, and each person's calendar. Erased last (priority -1): the
 * service's own part may read the view to find what it holds of the person or couple.
 */
@ApplicationScoped
@Priority(-1)
public class MembershipPersonalData implements PersonalData {

    @Override
    public Set<String> personColumns() {
        return Set.of("couple_view_member.partner_id", "partner_view.partner_id");
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void erasePerson(String personId) {
        CoupleViewMember.delete("partnerId", personId);
        PartnerView.deleteById(personId);
    }

    /** The couple's row; the service tables that reference it go with it (on delete cascade). */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void eraseCouple(UUID coupleId) {
        CoupleView.deleteById(coupleId);
    }
}
