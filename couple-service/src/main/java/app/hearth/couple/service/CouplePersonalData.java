package app.hearth.couple.service;

import app.hearth.couple.AcceptAttempt;
import app.hearth.couple.CoupleMember;
import app.hearth.couple.IntegrationGrant;
import app.hearth.couple.Invitation;
import app.hearth.couple.Partner;
import app.hearth.platform.erasure.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Set;

/**
 * What couple-service holds about people: their profile, memberships, invitations and failed code attempts, and who
 * requested or approved a partner app's grant (unlinked; the couple's grant stays theirs). {@code account_deletion}
 * keeps an erased person's subject only until the identity provider confirms their login is gone
 * ({@code AccountDeletions}); the relationships they leave are ended or purged by {@link PartnerService#erase}.
 */
@ApplicationScoped
public class CouplePersonalData implements PersonalData {

    @Override
    public Set<String> personColumns() {
        return Set.of(
                "partner.id",
                "couple_member.partner_id",
                "invitation.inviter_id",
                "accept_attempt.partner_id",
                "integration_grant.requested_by",
                "integration_grant.approved_by",
                "account_deletion.subject");
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void erasePerson(String personId) {
        CoupleMember.delete("partnerId", personId);
        Invitation.delete("inviterId", personId);
        AcceptAttempt.delete("partnerId", personId);
        IntegrationGrant.update("requestedBy = null where requestedBy = ?1", personId);
        IntegrationGrant.update("approvedBy = null where approvedBy = ?1", personId);
        Partner.deleteById(personId);
    }
}
