package app.hearth.reminder.service;

import app.hearth.reminder.Notification;
import app.hearth.reminder.PartnerNudge;
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
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Everything reminder-service holds about one person (data portability); webhook secrets and devices' keys are not
 * repeated.
 */
@ApplicationScoped
public class ReminderExport {

    public record Held(
            List<Reminder> reminders,
            List<ReminderRecipient> schedules,
            List<Notification> notifications,
            ReminderPause pause,
            ReminderSettings settings,
            List<WebhookSubscription> webhooks,
            List<WebhookDelivery> deliveries,
            List<PartnerNudge> nudges,
            List<CheckInRecord> checkIns,
            List<PushDevice> devices) {}

    public record CheckInRecord(UUID coupleId, String period, Instant submittedAt) {}

    @Transactional
    public Held of(String partnerId) {
        List<ReminderRecipient> schedules = ReminderRecipient.list("partnerId = ?1 order by reminderId", partnerId);
        List<UUID> received = schedules.stream().map(r -> r.reminderId).toList();
        List<Reminder> reminders = Reminder.list(
                "ownerId = ?1 or id in ?2 order by createdAt, id",
                partnerId,
                received.isEmpty() ? List.of(new UUID(0, 0)) : received);
        List<WebhookSubscription> webhooks = WebhookSubscription.list(
                "ownerType = ?1 and ownerId = ?2 order by createdAt", WebhookSubscription.OwnerType.PERSON, partnerId);
        @SuppressWarnings("unchecked")
        List<Object[]> checkIns = Panache.getEntityManager()
                .createNativeQuery("""
                        select couple_id, period, submitted_at from check_in_submission where partner_id = ?1
                        order by submitted_at""")
                .setParameter(1, partnerId)
                .getResultList();
        return new Held(
                reminders,
                schedules,
                Notification.list("partnerId = ?1 order by firedAt, id", partnerId),
                ReminderPause.findById(partnerId),
                ReminderSettings.findById(partnerId),
                webhooks,
                WebhookDelivery.list("partnerId = ?1 order by createdAt, id", partnerId),
                PartnerNudge.list("partnerId = ?1 order by dueAt", partnerId),
                checkIns.stream()
                        .map(row -> new CheckInRecord((UUID) row[0], (String) row[1], toInstant(row[2])))
                        .toList(),
                PushDevice.list("personId = ?1 order by createdAt, id", partnerId));
    }

    private static Instant toInstant(Object value) {
        return value instanceof Instant instant
                ? instant
                : value instanceof OffsetDateTime odt ? odt.toInstant() : ((Timestamp) value).toInstant();
    }
}
