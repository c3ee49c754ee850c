package app.hearth.reminder.webhook;

import app.hearth.platform.privacy.Pseudonyms;
import app.hearth.reminder.Notification;
import app.hearth.reminder.service.DeliveryChannel;
import app.hearth.reminder.service.NotificationWriter;
import app.hearth.reminder.service.NotificationWriter.Draft;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Webhooks as a delivery channel: a delivery row per notification and subscription (the person's own, and partner
 * apps' the couple granted {@code reminders.read}), sent after commit by {@link WebhookSender}.
 */
@ApplicationScoped
public class WebhookChannel implements DeliveryChannel {

    @Inject
    Pseudonyms pseudonyms;

    /** Queues deliveries for the few notifications whose recipient (or couple's partner apps) has a webhook. */
    @Override
    public void deliver(List<Created> news) {
        List<Draft> created = news.stream().map(Created::draft).toList();
        List<UUID> ids = news.stream().map(Created::notificationId).toList();
        Set<String> partners = created.stream().map(Draft::partnerId).collect(Collectors.toSet());
        Set<UUID> couples =
                created.stream().map(Draft::coupleId).filter(Objects::nonNull).collect(Collectors.toSet());
        @SuppressWarnings("unchecked")
        List<Object[]> subscribed = Panache.getEntityManager()
                .createNativeQuery("""
                        select owner_id, couple_id from webhook_subscription
                        where (owner_type = 'PERSON' and owner_id in (?1)) or (owner_type = 'PARTNER_APP' and couple_id in (?2))""")
                .setParameter(1, partners)
                .setParameter(2, couples.isEmpty() ? Set.of(new UUID(0, 0)) : couples)
                .getResultList();
        if (subscribed.isEmpty()) {
            return;
        }
        Set<String> withWebhooks = subscribed.stream()
                .map(row -> row[1] == null ? (String) row[0] : row[1].toString())
                .collect(Collectors.toSet());
        for (int i = 0; i < created.size(); i++) {
            Draft draft = created.get(i);
            if (withWebhooks.contains(draft.partnerId())
                    || draft.coupleId() != null
                            && withWebhooks.contains(draft.coupleId().toString())) {
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
                .setParameter(1, id)
                .setParameter(2, draft.partnerId())
                .setParameter(3, NotificationWriter.payload(id, draft, draft.partnerId(), true))
                .setParameter(4, draft.firedAt())
                .executeUpdate();
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
                .setParameter(1, draft.coupleId())
                .setParameter(2, draft.firedAt())
                .getResultList();
        for (Object[] app : apps) {
            em.createNativeQuery("""
                            insert into webhook_delivery (id, subscription_id, notification_id, partner_id, payload, status,
                                                          attempts, next_attempt_at, created_at)
                            values (gen_random_uuid(), ?1, ?2, ?3, ?4, 'PENDING', 0, ?5, ?5)""")
                    .setParameter(1, app[0])
                    .setParameter(2, id)
                    .setParameter(3, draft.partnerId())
                    .setParameter(
                            4,
                            NotificationWriter.payload(
                                    id, draft, pseudonyms.of((String) app[1], draft.partnerId()), false))
                    .setParameter(5, draft.firedAt())
                    .executeUpdate();
        }
    }
}
