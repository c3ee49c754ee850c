package app.hearth.reminder.push;

import app.hearth.platform.privacy.SecretKeys;
import app.hearth.reminder.config.ReminderConfig;
import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Web Push messages as the standards make them, with {@code com.interaso:webpush} (no transport of its own: Hearth
 * sends them to the address it checked): the payload encrypted to the browser's keys (RFC 8291, {@code aes128gcm}),
 * signed for the push service with the deployment's VAPID key (RFC 8292), with {@code TTL}, {@code Urgency} and
 * {@code Topic} (RFC 8030).
 */
@ApplicationScoped
public class WebPushMessages {

    @Inject
    ReminderConfig config;

    @Inject
    SecretKeys.Config secrets;

    /** The published local pair's private key carries this prefix: accepted only where local keys are. */
    static final String LOCAL_ONLY = "local-only-";

    private WebPush webPush;

    /** An encrypted body and the headers to send it with. */
    public record Message(byte[] body, Map<String, String> headers) {}

    @PostConstruct
    void keys() {
        String privateKey = config.push().vapidPrivateKey();
        if (privateKey.startsWith(LOCAL_ONLY)) {
            if (!secrets.localKeysAllowed()) {
                throw new IllegalStateException("HEARTH_VAPID_PRIVATE_KEY is the published local-only default, which "
                        + "anyone can read in Hearth's source. Make a pair (reminder-service/README.md) and set "
                        + "HEARTH_VAPID_PUBLIC_KEY and HEARTH_VAPID_PRIVATE_KEY.");
            }
            privateKey = privateKey.substring(LOCAL_ONLY.length());
        }
        webPush = new WebPush(
                config.push().vapidSubject(),
                VapidKeys.fromUncompressedBytes(config.push().vapidPublicKey(), privateKey));
    }

    /** The key browsers subscribe with ({@code applicationServerKey}), base64url. */
    public String publicKey() {
        return config.push().vapidPublicKey();
    }

    public Message message(String endpoint, String p256dh, String auth, String payload, String topic) {
        Base64.Decoder base64url = Base64.getUrlDecoder();
        byte[] body = webPush.getBody(
                payload.getBytes(StandardCharsets.UTF_8), base64url.decode(p256dh), base64url.decode(auth));
        Map<String, String> headers = webPush.getHeaders(
                endpoint, (int) config.push().timeToLive().toSeconds(), topic, WebPush.Urgency.Normal);
        return new Message(body, headers);
    }
}
