package app.hearth.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 under a key from configuration: a stable stand-in for an id that cannot be reversed without the key. */
public final class KeyedHash {
    private final SecretKeySpec key;

    public KeyedHash(String secret) {
        this(secret.getBytes(StandardCharsets.UTF_8));
    }

    public KeyedHash(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] of(byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
