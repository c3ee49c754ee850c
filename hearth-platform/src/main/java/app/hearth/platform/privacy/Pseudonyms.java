package app.hearth.platform.privacy;

import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HexFormat;

/**
 * What a partner app calls a member instead of their account id: a stable pseudonym per app and person (a keyed
 * HMAC of both), so one app can follow "the same member" over time but cannot join people across couples with
 * another app, nor learn the identity provider's subject. Every service derives the same pseudonym from the shared
 * key, so an app sees one name for a member in check-ins, insights and webhooks alike.
 */
@ApplicationScoped
@Startup // its key is checked when the service starts
public class Pseudonyms {

    @ConfigMapping(prefix = "hearth.pseudonyms")
    public interface Config {
        /** The HMAC key; the same in every service, a secret in production. */
        String key();
    }

    private final KeyedHash hmac;

    @Inject
    public Pseudonyms(Config config, SecretKeys keys) {
        this.hmac = keys.hmac("HEARTH_PSEUDONYM_KEY", config.key());
    }

    public String of(String clientId, String personId) {
        return "member-" + HexFormat.of().formatHex(hmac.of(clientId + "\n" + personId), 0, 12);
    }
}
