package app.hearth.reminder.service;

import app.hearth.membership.LocalErasure;
import app.hearth.membership.MembershipProjection.PartnerCalendarChanged;
import app.hearth.reminder.Notification;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.ReminderRecipient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** What couple-service's events mean for reminders: moving with a traveller, and stopping and forgetting. */
@ApplicationScoped
public class ReminderLifecycle {

    @Inject
    SchedulePlanner planner;

    @Inject
    Clock clock;

    /** A new zone or quiet hours: pending occurrences of reminders that follow the person move with them. */
    @Transactional(Transactional.TxType.MANDATORY)
    void onCalendarChanged(@Observes PartnerCalendarChanged changed) {
        for (ReminderRecipient recipient : ReminderRecipient.<ReminderRecipient>list("partnerId", changed.partnerId())) {
            Reminder reminder = Reminder.findById(recipient.reminderId);
            if (recipient.occurrenceAt != null) {
                planner.planNext(reminder, recipient, clock.instant());
            }
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void onCoupleEnded(@Observes LocalErasure.CoupleEnded ended) {
        forgetCouple(ended.coupleId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void onCouplePurged(@Observes LocalErasure.CouplePurged purged) {
        forgetCouple(purged.coupleId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void onPartnerErased(@Observes LocalErasure.PartnerErased erased) {
        String partnerId = erased.partnerId();
        Reminder.delete("ownerId", partnerId);
        ReminderRecipient.delete("partnerId", partnerId);
        Notification.delete("partnerId", partnerId);
        app.hearth.reminder.ReminderPause.deleteById(partnerId);
    }

    private static void forgetCouple(UUID coupleId) {
        List<UUID> ids = Reminder.<Reminder>list("coupleId", coupleId).stream().map(r -> r.id).toList();
        if (!ids.isEmpty()) {
            Reminder.delete("id in ?1", ids);
        }
        Notification.delete("coupleId", coupleId);
    }
}
