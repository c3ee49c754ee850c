package app.hearth.reminder.service;

import app.hearth.events.ExerciseEvents.CheckInSubmitted;
import app.hearth.membership.CheckInPeriods;
import app.hearth.membership.CoupleView;
import app.hearth.membership.CoupleViewMember;
import app.hearth.membership.PartnerView;
import app.hearth.reminder.PartnerNudge;
import app.hearth.reminder.ReminderSettings;
import app.hearth.reminder.config.ReminderConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * No nagging. A submitted check-in is remembered, so that person's check-in reminders for the period are dropped
 * (see the dispatcher), and each other member who has not checked in yet gets one gentle "your partner is waiting"
 * nudge for their own current period, a while later and never inside their quiet hours, unless they turned it off.
 */
@ApplicationScoped
public class CheckInNudges {

    @Inject
    Clock clock;

    @Inject
    ReminderConfig config;

    @Transactional(Transactional.TxType.MANDATORY)
    public void onCheckInSubmitted(CheckInSubmitted submitted) {
        UUID coupleId = UUID.fromString(submitted.coupleId());
        Panache.getEntityManager()
                .createNativeQuery("""
                        insert into check_in_submission (couple_id, partner_id, period, submitted_at) values (?1, ?2, ?3, ?4)
                        on conflict do nothing""")
                .setParameter(1, coupleId)
                .setParameter(2, submitted.partnerId())
                .setParameter(3, submitted.period())
                .setParameter(4, submitted.submittedAt())
                .executeUpdate();
        // Whoever just checked in is no longer waited for.
        PartnerNudge.delete("coupleId = ?1 and partnerId = ?2 and firedAt is null", coupleId, submitted.partnerId());

        CoupleView couple = CoupleView.findById(coupleId);
        if (couple == null || !couple.isActive()) {
            return;
        }
        Instant now = clock.instant();
        for (String member : CoupleViewMember.memberIds(coupleId)) {
            if (member.equals(submitted.partnerId()) || !ReminderSettings.wantsPartnerWaitingNudge(member)) {
                continue;
            }
            PartnerView calendar = PartnerView.findById(member);
            String period = CheckInPeriods.periodOf(submitted.submittedAt(), calendar, submitted.cadence());
            if (submitted(coupleId, member, period)
                    || PartnerNudge.findById(new PartnerNudge.Key(coupleId, member, period)) != null) {
                continue;
            }
            Instant due = submitted.submittedAt().plus(config.partnerWaitingDelay());
            if (due.isBefore(now)) {
                due = now;
            }
            if (calendar != null && calendar.quietHoursStart != null) {
                due = ReminderSchedule.holdForQuietHours(
                        due, ZoneId.of(calendar.timeZone), calendar.quietHoursStart, calendar.quietHoursEnd);
            }
            PartnerNudge nudge = new PartnerNudge();
            nudge.coupleId = coupleId;
            nudge.partnerId = member;
            nudge.period = period;
            nudge.dueAt = due;
            nudge.persist();
        }
    }

    /** Whether the person checked in for the period (of their own calendar) in this relationship. */
    public static boolean submitted(UUID coupleId, String partnerId, String period) {
        return !Panache.getEntityManager()
                .createNativeQuery("""
                        select 1 from check_in_submission where couple_id = ?1 and partner_id = ?2 and period = ?3""")
                .setParameter(1, coupleId)
                .setParameter(2, partnerId)
                .setParameter(3, period)
                .getResultList()
                .isEmpty();
    }
}
