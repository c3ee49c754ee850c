package app.hearth.reminder.service;

import app.hearth.membership.LocalErasure;
import app.hearth.membership.MembershipProjection.PartnerCalendarChanged;
import app.hearth.reminder.Notification;
import app.hearth.reminder.PartnerNudge;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.ReminderPause;
import app.hearth.reminder.ReminderRecipient;
import app.hearth.reminder.ReminderSettings;
import app.hearth.reminder.WebhookDelivery;
import app.hearth.reminder.WebhookSubscription;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
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
        // The person's reminder lock, which creating a reminder for them holds while it plans: a reminder created
        // while this change commits is either planned on the new calendar or listed below, never planned on the old
        // calendar and missed here (seen in CI: a new FOLLOW_ME reminder kept UTC after the zone change).
        ReminderService.lockRemindersOf(List.of(changed.partnerId()));
        Instant now = clock.instant();
        for (ReminderRecipient recipient :
                ReminderService.lockedForReplanning("partnerId = ?1 order by reminderId", changed.partnerId())) {
            if (recipient.occurrenceAt != null) {
                planner.replan(Reminder.findById(recipient.reminderId), recipient, now);
            }
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void onCoupleEnded(@Observes LocalErasure.CoupleEndApplied ended) {
        forgetCouple(ended.coupleId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void onCouplePurged(@Observes LocalErasure.CouplePurgeApplied purged) {
        forgetCouple(purged.coupleId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void onPartnerErased(@Observes LocalErasure.PartnerErasureApplied erased) {
        String partnerId = erased.partnerId();
        Reminder.delete("ownerId", partnerId);
        ReminderRecipient.delete("partnerId", partnerId);
        WebhookSubscription.delete("ownerType = ?1 and ownerId = ?2", WebhookSubscription.OwnerType.PERSON, partnerId);
        WebhookDelivery.delete("partnerId", partnerId);
        Notification.delete("partnerId", partnerId);
        ReminderPause.deleteById(partnerId);
        ReminderSettings.deleteById(partnerId);
        PartnerNudge.delete("partnerId", partnerId);
        Panache.getEntityManager()
                .createNativeQuery("delete from check_in_submission where partner_id = ?1")
                .setParameter(1, partnerId)
                .executeUpdate();
    }

    private static void forgetCouple(UUID coupleId) {
        List<UUID> ids = Reminder.<Reminder>list("coupleId", coupleId).stream()
                .map(r -> r.id)
                .toList();
        if (!ids.isEmpty()) {
            Reminder.delete("id in ?1", ids);
        }
        Panache.getEntityManager()
                .createNativeQuery("""
                        delete from webhook_delivery where notification_id in (select id from notification where couple_id = ?1)""")
                .setParameter(1, coupleId)
                .executeUpdate();
        Notification.delete("coupleId", coupleId);
        WebhookSubscription.delete("coupleId", coupleId);
        PartnerNudge.delete("coupleId", coupleId);
        Panache.getEntityManager()
                .createNativeQuery("delete from check_in_submission where couple_id = ?1")
                .setParameter(1, coupleId)
                .executeUpdate();
    }
}
