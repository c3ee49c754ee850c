package app.hearth.reminder.service;

import app.hearth.events.CoupleEvents.RelationshipKind;
import app.hearth.events.ExerciseEvents.SessionStarted;
import app.hearth.events.ReminderEvents.Kind;
import app.hearth.membership.CoupleView;
import app.hearth.membership.CoupleViewMember;
import app.hearth.membership.MembershipProjection.CoupleFormationApplied;
import app.hearth.membership.PartnerView;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.config.ReminderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The reminders Hearth sets up by itself, following the guide ("set a recurring check-in"; the week-long detox):
 * ordinary couple reminders afterwards, which either member may edit or delete.
 */
@ApplicationScoped
public class DefaultReminders {
    private static final Logger LOG = Logger.getLogger(DefaultReminders.class);
    static final String DETOX_PLAN = "digital-detox-7-day";
    static final int DETOX_DAYS = 7;

    @Inject
    ReminderService reminders;

    @Inject
    ReminderConfig config;

    @Inject
    Clock clock;

    /** Every new relationship gets a weekly check-in reminder for both, on a sensible local evening. */
    @Transactional(Transactional.TxType.MANDATORY)
    void onCoupleFormed(@Observes CoupleFormationApplied formed) {
        if (formed.memberIds().isEmpty()) {
            return; // both were erased before the formation reached us: no one to remind
        }
        String title = formed.kind() == RelationshipKind.ROMANTIC
                ? "Your weekly check-in together"
                : "Your weekly check-in with each other";
        create(
                formed.coupleId(),
                formed.memberIds(),
                Reminder.Origin.COUPLE_DEFAULT,
                new ReminderService.Spec(
                        Kind.CHECK_IN,
                        title,
                        null,
                        "FREQ=WEEKLY;BYDAY=" + config.defaultCheckInDay(),
                        today(formed.memberIds().get(0)).minusDays(1),
                        config.defaultCheckInTime(),
                        Reminder.ZonePolicy.FOLLOW_ME,
                        null,
                        null,
                        Reminder.Origin.COUPLE_DEFAULT));
    }

    /** The 7-day digital detox started: one reminder per plan day, for both, in each one's evening. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onSessionStarted(SessionStarted started) {
        if (!DETOX_PLAN.equals(started.exerciseSlug())) {
            return;
        }
        UUID coupleId = UUID.fromString(started.coupleId());
        CoupleView couple = CoupleView.findById(coupleId);
        if (couple == null || !couple.isActive()) {
            return;
        }
        // Restarting the plan replaces the previous plan's reminders rather than doubling them.
        Reminder.delete("coupleId = ?1 and origin = ?2", coupleId, Reminder.Origin.DETOX_PLAN);
        LocalDate firstDay =
                started.startedAt().atZone(zoneOf(started.startedBy())).toLocalDate();
        create(
                coupleId,
                CoupleViewMember.memberIds(coupleId),
                Reminder.Origin.DETOX_PLAN,
                new ReminderService.Spec(
                        Kind.PLAN_DAY,
                        "Digital detox: today's step",
                        DETOX_PLAN,
                        "FREQ=DAILY;COUNT=" + DETOX_DAYS,
                        firstDay,
                        config.detoxReminderTime(),
                        Reminder.ZonePolicy.FOLLOW_ME,
                        null,
                        null,
                        Reminder.Origin.DETOX_PLAN));
    }

    private void create(UUID coupleId, List<String> members, Reminder.Origin origin, ReminderService.Spec spec) {
        // A relationship at its reminder limit simply does not get the default; it is a convenience, not a right.
        // Counted under the couple's lock, which create takes too, so create cannot refuse it (an event handler that
        // threw would be retried for ever). The members' personal reminders do not count.
        CoupleView couple = ReminderLocks.couple(coupleId);
        if (couple == null || !couple.isActive()) {
            return;
        }
        if (Reminder.count("coupleId", coupleId) >= config.maxPerCouple()) {
            LOG.infof("No %s reminder for couple %s: it is at its reminder limit", origin, coupleId);
            return;
        }
        reminders.create(members.get(0), coupleId, members, spec);
    }

    private LocalDate today(String partnerId) {
        return clock.instant().atZone(zoneOf(partnerId)).toLocalDate();
    }

    private static ZoneId zoneOf(String partnerId) {
        PartnerView calendar = PartnerView.findById(partnerId);
        return ZoneId.of(calendar == null ? "UTC" : calendar.timeZone);
    }
}
