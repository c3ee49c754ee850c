package app.hearth.couple.service;

import app.hearth.couple.Invitation;
import app.hearth.couple.config.CoupleConfig;
import app.hearth.platform.privacy.KeyedHash;
import app.hearth.platform.privacy.SecretKeys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HexFormat;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Invitation codes at rest: an HMAC-SHA256 under {@code hearth.couples.invitation-code-key} (a secret in production).
 * A code is looked up by its hash; without the key, a copy of the database cannot be searched for codes, even though
 * a code has only 50 bits.
 */
@ApplicationScoped
public class InvitationCodeHashes {
    private static final Logger LOG = Logger.getLogger(InvitationCodeHashes.class);

    private final KeyedHash hash;

    public InvitationCodeHashes(CoupleConfig config, SecretKeys keys) {
        this.hash = keys.hmac("HEARTH_INVITATION_CODE_KEY", config.invitationCodeKey());
    }

    /** The stored form of a normalised code. */
    public String of(String normalisedCode) {
        return HexFormat.of().formatHex(hash.of("invitation/" + normalisedCode));
    }

    void onStart(@Observes StartupEvent start) {
        hashLegacyCodes();
    }

    /** Hashes the codes an earlier release stored in clear; returns how many. */
    public int hashLegacyCodes() {
        int hashed = QuarkusTransaction.requiringNew().call(() -> {
            List<Invitation> legacy = Invitation.list("legacyCode is not null");
            for (Invitation invitation : legacy) {
                invitation.codeHash = of(invitation.legacyCode);
                invitation.legacyCode = null;
            }
            return legacy.size();
        });
        if (hashed > 0) {
            LOG.infof("hashed %d invitation codes stored in clear by an earlier release", hashed);
        }
        return hashed;
    }
}
