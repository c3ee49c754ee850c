package app.hearth.reminder.service;

import app.hearth.platform.privacy.PersonalData;
import app.hearth.reminder.Notification;
import app.hearth.reminder.PartnerNudge;
import app.hearth.reminder.PushDelivery;
import app.hearth.reminder.PushDevice;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.ReminderPause;
import app.hearth.reminder.ReminderRecipient;
import app.hearth.reminder.ReminderSettings;
import app.hearth.reminder.WebhookDelivery;
import app.hearth.reminder.WebhookSubscription;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What reminder-service holds about people: their reminders, what they receive and were sent, their pauses, settings
 * webhooks and devices; and a couple's reminders, notifications, webhooks, pushes and nudges.
 */
@ApplicationScoped
public class ReminderPersonalData implements PersonalData {

    @Override
    public Set<String> personColumns() {
        return Set.of(
                "reminder.owner_id",
                "reminder_recipient.partner_id",
                "notification.partner_id",
                "webhook_subscription.owner_id",
                "webhook_delivery.partner_id",
                "reminder_pause.partner_id",
                "reminder_settings.partner_id",
                "partner_nudge.partner_id",
                "check_in_submission.partner_id",
                "push_device.person_id",
                "push_delivery.partner_id");
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void erasePerson(String partnerId) {
        Reminder.delete("ownerId", partnerId);
        ReminderRecipient.delete("partnerId", partnerId);
        WebhookSubscription.delete("ownerType = ?1 and ownerId = ?2", WebhookSubscription.OwnerType.PERSON, partnerId);
        WebhookDelivery.delete("partnerId", partnerId);
        PushDevice.delete("personId", partnerId); // their deliveries with them
        PushDelivery.delete("partnerId", partnerId);
        Notification.delete("partnerId", partnerId);
        ReminderPause.deleteById(partnerId);
        ReminderSettings.deleteById(partnerId);
        PartnerNudge.delete("partnerId", partnerId);
        Panache.getEntityManager()
                .createNativeQuery("delete from check_in_submission where partner_id = ?1")
                .setParameter(1, partnerId)
                .executeUpdate();
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void eraseCouple(UUID coupleId) {
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
        Panache.getEntityManager()
                .createNativeQuery("""
                        delete from push_delivery where notification_id in (select id from notification where couple_id = ?1)""")
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
