package app.hearth.membership;

import app.hearth.events.CoupleEvents;
import app.hearth.events.EventEnvelope;
import app.hearth.events.EventHandlers;
import app.hearth.events.EventType;
import app.hearth.events.PartnerEvents;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Applies couple-service's events to a service's membership, calendar and grant view. Every method is an
 * upsert or a delete, so applying an event twice (or after a REST confirmation already stored it) is harmless.
 */
@ApplicationScoped
public class MembershipProjection {
    @Inject
    Clock clock;

    @Inject
    Event<PartnerCalendarChanged> partnerChanged;

    @Inject
    Event<CoupleEndApplied> coupleEnded;

    @Inject
    Event<CoupleFormationApplied> coupleFormed;

    /**
     * couple-service's events, each to what it changes here; any other type is not this view's business. Erasures and
     * purges are not handled here: the inbox applies them to every part of the service first (platform
     * {@code Erasures}), this view's {@link MembershipPersonalData} last.
     */
    private final EventHandlers handlers = new EventHandlers()
            .on(CoupleEvents.FORMED, this::formed)
            .on(CoupleEvents.UPDATED, this::updated)
            .on(CoupleEvents.ENDED, ended -> ended(UUID.fromString(ended.coupleId())))
            .on(CoupleEvents.INTEGRATION_GRANTED, this::granted)
            .on(
                    CoupleEvents.INTEGRATION_REVOKED,
                    revoked -> PartnerAppGrant.deleteById(UUID.fromString(revoked.grantId())))
            .on(PartnerEvents.REGISTERED, registered -> upsertPartner(registered.profile()))
            .on(PartnerEvents.PROFILE_UPDATED, updated -> upsertPartner(updated.profile()));

    public Set<EventType<?>> handledTypes() {
        return handlers.types();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventEnvelope event) {
        handlers.apply(event);
    }

    private void formed(CoupleEvents.CoupleFormed formed) {
        upsertCouple(
                UUID.fromString(formed.coupleId()),
                formed.kind().name(),
                "ACTIVE",
                formed.checkInCadence(),
                false,
                false,
                formed.memberIds());
        coupleFormed.fire(
                new CoupleFormationApplied(UUID.fromString(formed.coupleId()), formed.kind(), formed.memberIds()));
    }

    private void updated(CoupleEvents.CoupleUpdated updated) {
        CoupleView couple = CoupleView.findById(UUID.fromString(updated.coupleId()));
        if (couple != null) {
            couple.checkInCadence = updated.checkInCadence();
            couple.pauseWordAgreed = updated.pauseWordAgreed();
            if (updated.safetyAgreementsConfirmed() != null) { // absent in events older than the agreements
                couple.safetyAgreementsConfirmed = updated.safetyAgreementsConfirmed();
            }
            couple.updatedAt = clock.instant();
        }
    }

    private void ended(UUID coupleId) {
        CoupleView couple = CoupleView.findById(coupleId);
        if (couple != null) {
            couple.status = "ENDED";
            couple.updatedAt = clock.instant();
        }
        PartnerAppGrant.delete("coupleId", coupleId);
        coupleEnded.fire(new CoupleEndApplied(coupleId));
    }

    private void granted(CoupleEvents.IntegrationGranted granted) {
        UUID coupleId = UUID.fromString(granted.coupleId());
        if (CoupleView.findById(coupleId) != null
                && PartnerAppGrant.findById(UUID.fromString(granted.grantId())) == null) {
            PartnerAppGrant grant = new PartnerAppGrant();
            grant.grantId = UUID.fromString(granted.grantId());
            grant.coupleId = coupleId;
            grant.clientId = granted.clientId();
            grant.scopes = String.join(" ", granted.scopes());
            grant.expiresAt = granted.expiresAt();
            grant.persist();
        }
    }

    /**
     * Stores a couple and its members unless already there. Native inserts that ignore conflicts, because the event
     * consumer and a request confirming the membership over REST may store the same couple at the same moment.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void upsertCouple(
            UUID coupleId,
            String kind,
            String status,
            CoupleEvents.CheckInCadence cadence,
            boolean pauseWordAgreed,
            boolean safetyAgreementsConfirmed,
            Collection<String> memberIds) {
        EntityManager em = Panache.getEntityManager();
        em.createNativeQuery("""
                        insert into couple_view (couple_id, kind, status, check_in_cadence, pause_word_agreed,
                                                 safety_agreements_confirmed, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (couple_id) do nothing""")
                .setParameter(1, coupleId)
                .setParameter(2, kind)
                .setParameter(3, status)
                .setParameter(4, cadence.name())
                .setParameter(5, pauseWordAgreed)
                .setParameter(6, safetyAgreementsConfirmed)
                .setParameter(7, clock.instant())
                .executeUpdate();
        for (String memberId : memberIds) {
            em.createNativeQuery(
                            "insert into couple_view_member (couple_id, partner_id) values (?1, ?2) on conflict do nothing")
                    .setParameter(1, coupleId)
                    .setParameter(2, memberId)
                    .executeUpdate();
        }
    }

    /** Stores or updates a partner's zone and start of day (race-safe, as {@link #upsertCouple}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void upsertPartner(String partnerId, String timeZone, int startOfDayHour) {
        Panache.getEntityManager()
                .createNativeQuery("""
                        insert into partner_view (partner_id, time_zone, start_of_day_hour, updated_at) values (?1, ?2, ?3, ?4)
                        on conflict (partner_id) do update set time_zone = excluded.time_zone,
                            start_of_day_hour = excluded.start_of_day_hour, updated_at = excluded.updated_at""")
                .setParameter(1, partnerId)
                .setParameter(2, timeZone)
                .setParameter(3, (short) startOfDayHour)
                .setParameter(4, clock.instant())
                .executeUpdate();
        refresh(partnerId);
    }

    private void upsertPartner(PartnerEvents.PartnerProfile profile) {
        PartnerView before = PartnerView.findById(profile.partnerId());
        boolean calendarChanged = before == null
                || !before.timeZone.equals(profile.timeZone())
                || before.startOfDayHour != profile.startOfDayHour()
                || !Objects.equals(before.quietHoursStart, profile.quietHoursStart())
                || !Objects.equals(before.quietHoursEnd, profile.quietHoursEnd());
        Panache.getEntityManager()
                .createNativeQuery("""
                        insert into partner_view (partner_id, time_zone, start_of_day_hour, quiet_hours_start, quiet_hours_end,
                                                  updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (partner_id) do update set time_zone = excluded.time_zone,
                            start_of_day_hour = excluded.start_of_day_hour, quiet_hours_start = excluded.quiet_hours_start,
                            quiet_hours_end = excluded.quiet_hours_end, updated_at = excluded.updated_at""")
                .setParameter(1, profile.partnerId())
                .setParameter(2, profile.timeZone())
                .setParameter(3, (short) profile.startOfDayHour())
                .setParameter(4, profile.quietHoursStart())
                .setParameter(5, profile.quietHoursEnd())
                .setParameter(6, clock.instant())
                .executeUpdate();
        refresh(profile.partnerId());
        if (calendarChanged) { // a new display name or locale moves no schedule
            partnerChanged.fire(new PartnerCalendarChanged(profile.partnerId()));
        }
    }

    /** A copy of the partner already loaded in this transaction must not hide what was just written. */
    private static void refresh(String partnerId) {
        EntityManager em = Panache.getEntityManager();
        PartnerView loaded = em.find(PartnerView.class, partnerId);
        if (loaded != null) {
            em.refresh(loaded);
        }
    }

    /**
     * A relationship was formed (fired once per event: the inbox drops redeliveries). A REST confirmation that stored
     * the couple earlier does not fire it, so services set up per-couple defaults here.
     */
    public record CoupleFormationApplied(UUID coupleId, CoupleEvents.RelationshipKind kind, List<String> memberIds) {}

    /**
     * A relationship ended (fired once per CoupleEnded, in its transaction): services stop what should no longer
     * happen for it, such as reminders.
     */
    public record CoupleEndApplied(UUID coupleId) {}

    /** A partner's zone, start of day or quiet hours changed: schedules that follow them may need to move. */
    public record PartnerCalendarChanged(String partnerId) {}
}
