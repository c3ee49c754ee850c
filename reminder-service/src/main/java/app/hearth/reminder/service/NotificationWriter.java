package app.hearth.reminder.service;

import app.hearth.events.EventJson;
import app.hearth.events.ReminderEvents.Kind;
import app.hearth.reminder.Notification;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.Panache;
import app.hearth.platform.security.Pseudonyms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;

/**
 * Puts a notification in a person's inbox and, in the same transaction, queues it for their webhooks and for the
 * webhooks of partner apps the couple granted {@code reminders.read}. The live stream hears of it on commit (a
 * database trigger announces new notifications to every replica).
 */
@ApplicationScoped
public class NotificationWriter {

    @Inject
    Pseudonyms pseudonyms;

    public record Draft(UUID reminderId, Notification.Source source, String partnerId, UUID coupleId, Kind kind,
                        String title, String exerciseSlug, Instant occurrenceAt, Instant firedAt) {
    }

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
        queueWebhooks(created, createdAt.stream().map(ids::get).toList());
        return created;
    }

    /** Queues deliveries for the few notifications whose recipient (or couple's partner apps) has a webhook. */
    private void queueWebhooks(List<Draft> created, List<UUID> ids) {
        if (created.isEmpty()) {
            return;
        }
        Set<String> partners = created.stream().map(Draft::partnerId).collect(Collectors.toSet());
        Set<UUID> couples = created.stream().map(Draft::coupleId).filter(Objects::nonNull).collect(Collectors.toSet());
        @SuppressWarnings("unchecked")
        List<Object[]> subscribed = Panache.getEntityManager().createNativeQuery("""
                        select owner_id, couple_id from webhook_subscription
                        where (owner_type = 'PERSON' and owner_id in (?1)) or (owner_type = 'PARTNER_APP' and couple_id in (?2))""")
                .setParameter(1, partners).setParameter(2, couples.isEmpty() ? Set.of(new UUID(0, 0)) : couples).getResultList();
        if (subscribed.isEmpty()) {
            return;
        }
        Set<String> withWebhooks = subscribed.stream().map(row -> row[1] == null ? (String) row[0] : row[1].toString())
                .collect(Collectors.toSet());
        for (int i = 0; i < created.size(); i++) {
            Draft draft = created.get(i);
            if (withWebhooks.contains(draft.partnerId())
                    || draft.coupleId() != null && withWebhooks.contains(draft.coupleId().toString())) {
                queueWebhooks(ids.get(i), draft);
            }
        }
    }

    private void queueWebhooks(UUID id, Draft draft) {
        var em = Panache.getEntityManager();
        em.createNativeQuery("""
                        insert into webhook_delivery (id, subscription_id, notification_id, partner_id, payload, status,
                                                      attempts, next_attempt_at, created_at)
                        select gen_random_uuid(), s.id, ?1, ?2, ?3, 'PENDING', 0, ?4, ?4
                        from webhook_subscription s where s.owner_type = 'PERSON' and s.owner_id = ?2""")
                .setParameter(1, id).setParameter(2, draft.partnerId()).setParameter(3, payload(id, draft, draft.partnerId(), true))
                .setParameter(4, draft.firedAt()).executeUpdate();
        if (draft.coupleId() == null || draft.source() == Notification.Source.PARTNER_WAITING) {
            return; // a nudge would tell the app who has not checked in yet
        }
        // Partner apps with a reminders.read grant get what happened, never what a person wrote (no title), and the
        // member as the app's own pseudonym, never their account id.
        @SuppressWarnings("unchecked")
        List<Object[]> apps = em.createNativeQuery("""
                        select s.id, s.owner_id from webhook_subscription s
                        where s.owner_type = 'PARTNER_APP' and s.couple_id = ?1 and exists (
                            select 1 from partner_app_grant g
                            where g.couple_id = s.couple_id and g.client_id = s.owner_id
                              and (' ' || g.scopes || ' ') like '% reminders.read %'
                              and (g.expires_at is null or g.expires_at > ?2))""")
                .setParameter(1, draft.coupleId()).setParameter(2, draft.firedAt()).getResultList();
        for (Object[] app : apps) {
            em.createNativeQuery("""
                            insert into webhook_delivery (id, subscription_id, notification_id, partner_id, payload, status,
                                                          attempts, next_attempt_at, created_at)
                            values (gen_random_uuid(), ?1, ?2, ?3, ?4, 'PENDING', 0, ?5, ?5)""")
                    .setParameter(1, app[0]).setParameter(2, id).setParameter(3, draft.partnerId())
                    .setParameter(4, payload(id, draft, pseudonyms.of((String) app[1], draft.partnerId()), false))
                    .setParameter(5, draft.firedAt()).executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The body a webhook receives (and the bytes its signature covers). */
    static String payload(UUID notificationId, Draft draft, String partnerRef, boolean withTitle) {
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
