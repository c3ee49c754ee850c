package app.hearth.couple.service;

import app.hearth.couple.AcceptAttempt;
import app.hearth.couple.Couple;
import app.hearth.couple.CoupleMember;
import app.hearth.couple.IntegrationGrant;
import app.hearth.couple.Invitation;
import app.hearth.couple.Partner;
import app.hearth.events.CoupleEvents.EndReason;
import app.hearth.platform.privacy.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What couple-service holds about people: their profile, memberships, invitations and failed code attempts, and who
 * requested or approved a partner app's grant (unlinked; the couple's grant stays theirs). {@code account_deletion}
 * keeps an erased person's subject only until the identity provider confirms their login is gone
 * ({@code AccountDeletions}); the relationships they leave are ended or purged here.
 */
@ApplicationScoped
public class CouplePersonalData implements PersonalData {
    @Inject
    Clock clock;

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

    @Inject
    CoupleService couples;

    /**
     * The person leaves every relationship (an active one ends; one nobody is left in is purged at once), then
     * everything that names them goes.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void erasePerson(String personId) {
        Partner.findById(personId, LockModeType.PESSIMISTIC_WRITE); // locked, as its updates lock it
        Instant now = clock.instant();
        for (CoupleMember membership : CoupleMember.ofPartner(personId)) {
            Couple couple = Couple.findById(membership.coupleId, LockModeType.PESSIMISTIC_WRITE);
            if (couple.isActive()) {
                couples.endLocked(couple, EndReason.PARTNER_ERASED, now);
            }
            membership.delete();
            if (CoupleMember.count("coupleId", membership.coupleId) == 0) {
                couples.purgeLocked(couple);
            }
        }
        Invitation.delete("inviterId", personId);
        Invitation.delete("inviterId", personId);
        AcceptAttempt.delete("partnerId", personId);
        IntegrationGrant.update("requestedBy = null where requestedBy = ?1", personId);
        IntegrationGrant.update("approvedBy = null where approvedBy = ?1", personId);
        Partner.deleteById(personId);
    }

    /** The couple's row and what hangs on it; invitations that led to it stay with their inviter, unlinked. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void eraseCouple(UUID coupleId) {
        Invitation.update("coupleId = null where coupleId = ?1", coupleId);
        IntegrationGrant.delete("coupleId", coupleId);
        CoupleMember.delete("coupleId", coupleId);
        Couple.deleteById(coupleId);
    }
}
