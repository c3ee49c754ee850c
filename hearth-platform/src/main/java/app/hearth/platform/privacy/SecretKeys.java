package app.hearth.platform.privacy;

import io.smallrye.config.ConfigMapping;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret keys a service reads from configuration (erasure ledger, key wrapping, idempotency, pseudonyms,
 * invitation codes, webhook secrets), checked when the service starts. A key is base64 of 32 random bytes
 * ({@code openssl rand -base64 32}), used as it is: no passphrase, so no derivation to weaken it. The published
 * {@code local-only-...} defaults are accepted only where {@code hearth.secrets.local-keys-allowed} is on (the local
 * stack, tests); anywhere else a missing, default, malformed or short key stops the service with a message naming
 * its environment variable, instead of running with a key everyone knows.
 */
@Singleton
public class SecretKeys {
    static final String LOCAL_PREFIX = "local-only-";
    static final int BYTES = 32;

    private final boolean localKeysAllowed;

    @ConfigMapping(prefix = "hearth.secrets")
    public interface Config {
        /** Whether the local-only default keys are accepted: on the local stack and in tests only. */
        boolean localKeysAllowed();
    }

    @Inject
    public SecretKeys(Config config) {
        this(config.localKeysAllowed());
    }

    SecretKeys(boolean localKeysAllowed) {
        this.localKeysAllowed = localKeysAllowed;
    }

    /** An HMAC key ({@link KeyedHash}) from the value of {@code variable}. */
    public KeyedHash hmac(String variable, String value) {
        byte[] random = random(variable, value);
        // A local-only passphrase keeps the bytes it always had, so local data stays readable across this change.
        return new KeyedHash(random != null ? random : value.getBytes(StandardCharsets.UTF_8));
    }

    /** An AES-256 key from the value of {@code variable}. */
    public SecretKey aes(String variable, String value) {
        byte[] random = random(variable, value);
        return random != null ? new SecretKeySpec(random, 0, BYTES, "AES") : Box.keyFromPassphrase(value);
    }

    /** The key's random bytes, or null for an accepted local-only passphrase; throws for anything else. */
    byte[] random(String variable, String value) {
        if (value == null || value.isBlank()) {
            throw refused(variable, "is not set");
        }
        if (value.startsWith(LOCAL_PREFIX)) {
            if (localKeysAllowed) {
                return null;
            }
            throw refused(variable, "is the published local-only default, which anyone can read in Hearth's source");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw refused(variable, "is not base64");
        }
        if (bytes.length < BYTES) {
            throw refused(variable, "has " + bytes.length + " bytes; at least " + BYTES + " random bytes are needed");
        }
        return bytes;
    }

    private static IllegalStateException refused(String variable, String why) {
        return new IllegalStateException(variable + " " + why + ". Set it to base64 of 32 random bytes (openssl rand "
                + "-base64 32), the same in every replica (and, for the keys every service shares, in every service).");
    }
}
