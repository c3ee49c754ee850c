package app.hearth.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretKeysTest {
    private static final SecretKeys PRODUCTION = new SecretKeys(false);
    private static final SecretKeys LOCAL = new SecretKeys(true);
    private static final String GOOD =
            Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'Q');

    @Test
    void productionRefusesAMissingDefaultMalformedOrShortKeyNamingItsVariable() {
        assertThatThrownBy(() -> PRODUCTION.hmac("HEARTH_ERASURE_HASH_KEY", "local-only-erasure-ledger-key"))
                .hasMessageStartingWith("HEARTH_ERASURE_HASH_KEY is the published local-only default");
        assertThatThrownBy(() -> PRODUCTION.aes("HEARTH_KEY_WRAPPING_KEY", null))
                .hasMessageContaining("HEARTH_KEY_WRAPPING_KEY is not set");
        assertThatThrownBy(() -> PRODUCTION.aes("HEARTH_KEY_WRAPPING_KEY", " ")).hasMessageContaining("is not set");
        assertThatThrownBy(() -> PRODUCTION.hmac("HEARTH_PSEUDONYM_KEY", "correct horse battery staple"))
                .hasMessageContaining("HEARTH_PSEUDONYM_KEY is not base64");
        assertThatThrownBy(() -> PRODUCTION.hmac(
                        "HEARTH_IDEMPOTENCY_KEY", Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("HEARTH_IDEMPOTENCY_KEY has 16 bytes; at least 32");
    }

    @Test
    void productionUsesTheRandomBytesAsTheyAre() {
        byte[] raw = Base64.getDecoder().decode(GOOD);
        assertThat(PRODUCTION.aes("HEARTH_KEY_WRAPPING_KEY", GOOD).getEncoded()).isEqualTo(raw);
        assertThat(PRODUCTION.hmac("HEARTH_ERASURE_HASH_KEY", GOOD).of("x")).isEqualTo(new KeyedHash(raw).of("x"));
    }

    @Test
    void theLocalStackAndTestsKeepTheLocalOnlyKeysAsTheyWere() {
        // The bytes the local keys always had, so a local stack's data stays readable.
        assertThat(LOCAL.hmac("HEARTH_ERASURE_HASH_KEY", "local-only-erasure-ledger-key")
                        .of("x"))
                .isEqualTo(new KeyedHash("local-only-erasure-ledger-key").of("x"));
        assertThat(LOCAL.aes("HEARTH_KEY_WRAPPING_KEY", "local-only-key-wrapping-key")
                        .getEncoded())
                .isEqualTo(Box.keyFromPassphrase("local-only-key-wrapping-key").getEncoded());
        assertThatThrownBy(() -> LOCAL.hmac("HEARTH_PSEUDONYM_KEY", "a passphrase"))
                .hasMessageContaining("not base64");
    }
}
