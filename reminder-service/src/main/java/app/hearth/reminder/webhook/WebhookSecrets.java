package app.hearth.reminder.webhook;

import app.hearth.platform.privacy.Box;
import app.hearth.platform.privacy.SecretKeys;
import app.hearth.reminder.WebhookSubscription;
import app.hearth.reminder.config.ReminderConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.jboss.logging.Logger;

/**
 * Webhook signing secrets at rest: sealed with AES-256-GCM under {@code hearth.reminders.webhooks.secret-key} (a
 * Kubernetes secret in production), the subscription id bound in as associated data so a sealed secret cannot be
 * moved to another subscription. A database dump alone signs nothing. Secrets never appear in logs or exports.
 */
@ApplicationScoped
public class WebhookSecrets {
    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);

    private final SecretKey key;

    @Inject
    public WebhookSecrets(ReminderConfig config, SecretKeys keys) {
        key = keys.aes("HEARTH_WEBHOOK_SECRET_KEY", config.webhooks().secretKey());
    }

    public String seal(UUID subscriptionId, String secret) {
        return Box.box(key, aad(subscriptionId), secret);
    }

    public String open(UUID subscriptionId, String box) {
        try {
            return Box.unbox(key, aad(subscriptionId), box);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "the webhook secret of " + subscriptionId
                            + " cannot be opened: was hearth.reminders.webhooks.secret-key changed?",
                    e);
        }
    }

    /** The secrets that sign a delivery now: the current one, and the rotated-out one during its overlap. */
    public List<String> signingSecrets(WebhookSubscription subscription, Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(
                subscription.secretBox != null
                        ? open(subscription.id, subscription.secretBox)
                        : subscription.legacySecret);
        if (subscription.previousSecretBox != null
                && subscription.previousSecretExpiresAt != null
                && now.isBefore(subscription.previousSecretExpiresAt)) {
            secrets.add(open(subscription.id, subscription.previousSecretBox));
        }
        return secrets;
    }

    void onStart(@Observes StartupEvent start) {
        sealLegacySecrets();
    }

    /** Seals the secrets an earlier release stored in clear; returns how many. */
    public int sealLegacySecrets() {
        int sealed = QuarkusTransaction.requiringNew().call(() -> {
            List<WebhookSubscription> legacy = WebhookSubscription.list("legacySecret is not null");
            for (WebhookSubscription subscription : legacy) {
                subscription.secretBox = seal(subscription.id, subscription.legacySecret);
                subscription.legacySecret = null;
            }
            return legacy.size();
        });
        if (sealed > 0) {
            LOG.infof("sealed %d webhook secrets stored in clear by an earlier release", sealed);
        }
        return sealed;
    }

    private static byte[] aad(UUID subscriptionId) {
        return ("webhook-secret/" + subscriptionId).getBytes(StandardCharsets.UTF_8);
    }
}
