package app.hearth.platform.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

@ConfigMapping(prefix = "hearth.security")
public interface SecurityConfig {

    /**
     * Clients that act for a person (Hearth's own apps). A token from any other client of the realm with the
     * hearth-api audience is a partner app, which sees only what a couple granted it.
     */
    @WithDefault("hearth-app")
    Set<String> firstPartyClients();
}
