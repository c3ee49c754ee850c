package app.hearth.platform.security;

import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * What a partner app calls a member instead of their account id: a stable pseudonym per app and person (a keyed
 * HMAC of both), so one app can follow "the same member" over time but cannot join people across couples with
 * another app, nor learn the identity provider's subject. Every service derives the same pseudonym from the shared
 * key, so an app sees one name for a member in check-ins, insights and webhooks alike.
 */
@ApplicationScoped
public class Pseudonyms {

    @ConfigMapping(prefix = "hearth.pseudonyms")
    public interface Config {
        /** The HMAC key; the same in every service, a secret in production. */
        String key();
    }

    private final SecretKeySpec key;

    @Inject
    public Pseudonyms(Config config) {
        this.key = new SecretKeySpec(config.key().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String of(String clientId, String personId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((clientId + "\n" + personId).getBytes(StandardCharsets.UTF_8));
            return "member-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
