package app.hearth.membership;

import app.hearth.events.CoupleEvents;
import app.hearth.events.EventEnvelope;
import app.hearth.events.PartnerEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Applies couple-service's events to a service's membership, calendar and grant view. Every method is an
 * upsert or a delete, so applying an event twice (or after a REST confirmation already stored it) is harmless.
 */
@ApplicationScoped
public class MembershipProjection {

    @Inject
    Event<LocalErasure.PartnerErased> partnerErased;

    @Inject
    Event<LocalErasure.CouplePurged> couplePurged;

    @Inject
    Event<PartnerCalendarChanged> partnerChanged;

    @Inject
    Event<LocalErasure.CoupleEnded> coupleEnded;

    @Inject
    Event<CoupleFormed> coupleFormed;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventEnvelope event) {
        switch (event.type()) {
            case "hearth.couple.formed.v1" -> {
                CoupleEvents.CoupleFormed formed = event.dataAs(CoupleEvents.FORMED);
                upsertCouple(UUID.fromString(formed.coupleId()), formed.kind().name(), "ACTIVE", formed.checkInCadence(), null, formed.memberIds());
                coupleFormed.fire(new CoupleFormed(UUID.fromString(formed.coupleId()), formed.kind(), formed.memberIds()));
            }
            case "hearth.couple.updated.v1" -> {
                CoupleEvents.CoupleUpdated updated = event.dataAs(CoupleEvents.UPDATED);
                CoupleView couple = CoupleView.findById(UUID.fromString(updated.coupleId()));
                if (couple != null) {
                    couple.checkInCadence = updated.checkInCadence();
                    couple.pauseWordAgreed = updated.pauseWordAgreed();
                    couple.updatedAt = Instant.now();
                }
            }
            case "hearth.couple.ended.v1" -> {
                CoupleView couple = CoupleView.findById(UUID.fromString(event.dataAs(CoupleEvents.ENDED).coupleId()));
                if (couple != null) {
                    couple.status = "ENDED";
                    couple.updatedAt = Instant.now();
                }
                PartnerAppGrant.delete("coupleId", UUID.fromString(event.subject()));
                coupleEnded.fire(new LocalErasure.CoupleEnded(UUID.fromString(event.subject())));
            }
            case "hearth.couple.purged.v1" -> {
                UUID coupleId = UUID.fromString(event.dataAs(CoupleEvents.PURGED).coupleId());
                couplePurged.fire(new LocalErasure.CouplePurged(coupleId));
                CoupleView.deleteById(coupleId);
            }
            case "hearth.couple.integration-granted.v1" -> {
                CoupleEvents.IntegrationGranted granted = event.dataAs(CoupleEvents.INTEGRATION_GRANTED);
                UUID coupleId = UUID.fromString(granted.coupleId());
                if (CoupleView.findById(coupleId) != null && PartnerAppGrant.findById(UUID.fromString(granted.grantId())) == null) {
                    PartnerAppGrant grant = new PartnerAppGrant();
                    grant.grantId = UUID.fromString(granted.grantId());
                    grant.coupleId = coupleId;
                    grant.clientId = granted.clientId();
                    grant.scopes = String.join(" ", granted.scopes());
                    grant.expiresAt = granted.expiresAt();
                    grant.persist();
                }
            }
            case "hearth.couple.integration-revoked.v1" ->
                    PartnerAppGrant.deleteById(UUID.fromString(event.dataAs(CoupleEvents.INTEGRATION_REVOKED).grantId()));
            case "hearth.partner.registered.v1" -> upsertPartner(event.dataAs(PartnerEvents.REGISTERED).profile());
            case "hearth.partner.profile-updated.v1" -> upsertPartner(event.dataAs(PartnerEvents.PROFILE_UPDATED).profile());
            case "hearth.partner.erased.v1" -> {
                String partnerId = event.dataAs(PartnerEvents.ERASED).partnerId();
                partnerErased.fire(new LocalErasure.PartnerErased(partnerId));
                CoupleViewMember.delete("partnerId", partnerId);
                PartnerView.deleteById(partnerId);
            }
            default -> {
                // A type this version does not know (added later): nothing to do.
            }
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void upsertCouple(UUID coupleId, String kind, String status, CoupleEvents.CheckInCadence cadence,
                             Boolean pauseWordAgreed, Collection<String> memberIds) {
        CoupleView couple = CoupleView.findById(coupleId);
        if (couple == null) {
            couple = new CoupleView();
            couple.coupleId = coupleId;
            couple.kind = kind;
            couple.status = status;
            couple.checkInCadence = cadence;
            couple.pauseWordAgreed = Boolean.TRUE.equals(pauseWordAgreed);
            couple.updatedAt = Instant.now();
            couple.persist();
        }
        for (String memberId : memberIds) {
            if (!CoupleViewMember.isMember(coupleId, memberId)) {
                CoupleViewMember member = new CoupleViewMember();
                member.coupleId = coupleId;
                member.partnerId = memberId;
                member.persist();
            }
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void upsertPartner(String partnerId, String timeZone, int startOfDayHour) {
        PartnerView partner = PartnerView.findById(partnerId);
        if (partner == null) {
            partner = new PartnerView();
            partner.partnerId = partnerId;
            partner.timeZone = timeZone;
            partner.startOfDayHour = (short) startOfDayHour;
            partner.updatedAt = Instant.now();
            partner.persist();
        } else {
            partner.timeZone = timeZone;
            partner.startOfDayHour = (short) startOfDayHour;
            partner.updatedAt = Instant.now();
        }
    }

    private void upsertPartner(PartnerEvents.PartnerProfile profile) {
        upsertPartner(profile.partnerId(), profile.timeZone(), profile.startOfDayHour());
        PartnerView partner = PartnerView.findById(profile.partnerId());
        partner.quietHoursStart = profile.quietHoursStart();
        partner.quietHoursEnd = profile.quietHoursEnd();
        partnerChanged.fire(new PartnerCalendarChanged(profile.partnerId()));
    }

    /**
     * A relationship was formed (fired once per event: the inbox drops redeliveries). A REST confirmation that stored
     * the couple earlier does not fire it, so services set up per-couple defaults here.
     */
    public record CoupleFormed(UUID coupleId, CoupleEvents.RelationshipKind kind, java.util.List<String> memberIds) {
    }

    /** A partner's zone, start of day or quiet hours changed: schedules that follow them may need to move. */
    public record PartnerCalendarChanged(String partnerId) {
    }
}
