package app.hearth.reminder.push;

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

    private WebPush webPush;

    /** An encrypted body and the headers to send it with. */
    public record Message(byte[] body, Map<String, String> headers) {}

    @PostConstruct
    void keys() {
        webPush = new WebPush(
                config.push().vapidSubject(),
                VapidKeys.fromUncompressedBytes(
                        config.push().vapidPublicKey(), config.push().vapidPrivateKey()));
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
