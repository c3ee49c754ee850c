package app.hearth.reminder.push;

import app.hearth.events.EventJson;
import app.hearth.reminder.Notification;
import app.hearth.reminder.service.DeliveryChannel;
import app.hearth.reminder.service.NotificationWriter.Draft;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Push as a delivery channel: a delivery row per notification and device of its recipient, in the notification's
 * transaction (nothing is lost; sent after commit by {@link PushSender}). Only the person's own devices: partner apps
 * never receive pushes. What a locked screen shows is only what the person chose ({@link #payload}).
 */
@ApplicationScoped
public class PushChannel implements DeliveryChannel {

    @Override
    public void deliver(List<Created> news) {
        Set<String> recipients = news.stream().map(c -> c.draft().partnerId()).collect(Collectors.toSet());
        @SuppressWarnings("unchecked")
        List<Object[]> withDevices = Panache.getEntityManager()
                .createNativeQuery("""
                        select d.person_id, coalesce(s.lock_screen_details, false) from push_device d
                        left join reminder_settings s on s.partner_id = d.person_id
                        where d.person_id in (?1) group by d.person_id, s.lock_screen_details""")
                .setParameter(1, recipients)
                .getResultList();
        if (withDevices.isEmpty()) {
            return;
        }
        var details = withDevices.stream().collect(Collectors.toMap(row -> (String) row[0], row -> (Boolean) row[1]));
        for (Created created : news) {
            Draft draft = created.draft();
            Boolean showDetails = details.get(draft.partnerId());
            if (showDetails != null) {
                queue(created.notificationId(), draft, payload(created.notificationId(), draft, showDetails));
            }
        }
    }

    private static void queue(UUID notificationId, Draft draft, String payload) {
        Panache.getEntityManager()
                .createNativeQuery("""
                        insert into push_delivery (id, device_id, notification_id, partner_id, payload, topic, status,
                                                   attempts, next_attempt_at, created_at)
                        select gen_random_uuid(), d.id, ?1, ?2, ?3, ?4, 'PENDING', 0, ?5, ?5
                        from push_device d where d.person_id = ?2
                        on conflict (device_id, notification_id) do nothing""")
                .setParameter(1, notificationId)
                .setParameter(2, draft.partnerId())
                .setParameter(3, payload)
                .setParameter(4, topic(draft))
                .setParameter(5, draft.firedAt())
                .executeUpdate();
    }

    /**
     * Web Push {@code Topic} (at most 32 URL-safe characters): the reminder's id, so a newer occurrence replaces an
     * older one the device has not received yet; a nudge's own.
     */
    static String topic(Draft draft) {
        UUID about = draft.reminderId() != null ? draft.reminderId() : draft.coupleId();
        String id = about == null ? draft.source().name() : about.toString().replace("-", "");
        return id.length() > 32 ? id.substring(0, 32) : id;
    }

    /**
     * What the device shows: by default a title that names neither the partner nor a prompt ("Time for your
     * check-in"); the reminder's own words only when the person turned {@code lockScreenDetails} on. The app opens
     * the notification by its id for the rest.
     */
    static String payload(UUID notificationId, Draft draft, boolean showDetails) {
        PushMessage message = new PushMessage(
                notificationId,
                draft.kind(),
                showDetails ? draft.title() : discreetTitle(draft),
                draft.occurrenceAt().truncatedTo(ChronoUnit.MICROS));
        try {
            return EventJson.mapper().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String discreetTitle(Draft draft) {
        if (draft.source() == Notification.Source.PARTNER_WAITING) {
            return "Time for your check-in";
        }
        return switch (draft.kind()) {
            case CHECK_IN -> "Time for your check-in";
            case GRATITUDE -> "A moment for gratitude";
            case RITUAL, EXERCISE -> "A moment for the two of you";
            case PLAN_DAY -> "Time to plan your day together";
            case CUSTOM -> "A reminder from Hearth";
        };
    }
}
