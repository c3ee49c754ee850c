package app.hearth.reminder.service;

import app.hearth.events.EventJson;
import app.hearth.events.ReminderEvents.Kind;
import app.hearth.reminder.Notification;
import app.hearth.reminder.webhook.WebhookChannel;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Puts a notification in a person's inbox and, in the same transaction, hands it to every {@link DeliveryChannel}
 * (webhooks: {@link WebhookChannel}). The live stream hears of it on commit: a database trigger announces new and
 * returning notifications to every replica, so it needs no code here. Whoever fires (dispatcher, nudges, a future
 * caller) goes through here and knows no channel.
 */
@ApplicationScoped
public class NotificationWriter {

    /** Every way a notification leaves the inbox (webhooks today; a push service would be one more bean). */
    @Inject
    @Any
    jakarta.enterprise.inject.Instance<DeliveryChannel> channels;

    public record Draft(
            UUID reminderId,
            Notification.Source source,
            String partnerId,
            UUID coupleId,
            Kind kind,
            String title,
            String exerciseSlug,
            Instant occurrenceAt,
            Instant firedAt) {}

    /**
     * Creates the notification unless one exists for the same reminder, occurrence and recipient (then it returns
     * false and queues nothing): whichever replica gets there first delivers, exactly once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean create(Draft draft) {
        return !createAll(List.of(draft)).isEmpty();
    }

    /**
     * {@link #create} for a batch, in one JDBC batch; returns the drafts that became notifications (the others had
     * already fired).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Draft> createAll(List<Draft> drafts) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>(drafts.size());
        int[] counts = Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into notification (id, reminder_id, source, partner_id, couple_id, kind, title, exercise_slug,
                                              occurrence_at, fired_at, status)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'UNREAD')
                    on conflict (reminder_id, occurrence_at, partner_id) do nothing""")) {
                for (Draft draft : drafts) {
                    UUID id = UUID.randomUUID();
                    ids.add(id);
                    insert.setObject(1, id);
                    insert.setObject(2, draft.reminderId());
                    insert.setString(3, draft.source().name());
                    insert.setString(4, draft.partnerId());
                    insert.setObject(5, draft.coupleId());
                    insert.setString(6, draft.kind().name());
                    insert.setString(7, draft.title());
                    insert.setString(8, draft.exerciseSlug());
                    insert.setObject(9, utc(draft.occurrenceAt()));
                    insert.setObject(10, utc(draft.firedAt()));
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
        List<Draft> created = new ArrayList<>();
        List<Integer> createdAt = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            if (counts[i] != 0) {
                created.add(drafts.get(i));
                createdAt.add(i);
            }
        }
        List<DeliveryChannel.Created> news = new ArrayList<>(created.size());
        for (int i = 0; i < created.size(); i++) {
            news.add(new DeliveryChannel.Created(ids.get(createdAt.get(i)), created.get(i)));
        }
        if (!news.isEmpty()) {
            channels.forEach(channel -> channel.deliver(news));
        }
        return created;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The body a webhook receives (and the bytes its signature covers). */
    public static String payload(UUID notificationId, Draft draft, String partnerRef, boolean withTitle) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("type", "notification");
        body.put("notificationId", notificationId.toString());
        body.put("source", draft.source().name());
        if (draft.reminderId() != null) {
            body.put("reminderId", draft.reminderId().toString());
        }
        body.put("partnerId", partnerRef);
        if (draft.coupleId() != null) {
            body.put("coupleId", draft.coupleId().toString());
        }
        body.put("kind", draft.kind().name());
        if (withTitle) {
            body.put("title", draft.title());
        }
        if (draft.exerciseSlug() != null) {
            body.put("exerciseSlug", draft.exerciseSlug());
        }
        body.put("occurrenceAt", draft.occurrenceAt().toString());
        body.put("firedAt", draft.firedAt().toString());
        return body.toString();
    }
}
