package app.hearth.couple.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * "Erase me" also deletes the login at the identity provider (Keycloak's admin API, through a confidential client
 * whose service account may manage users), so the erased account cannot sign in again.
 */
@ConfigMapping(prefix = "hearth.erasure.accounts")
public interface AccountDeletionConfig {

    /** Whether erasure deletes the login too; off where the identity provider is not Keycloak or not Hearth's. */
    @WithDefault("false")
    boolean delete();

    /** The confidential client (service account with realm-management manage-users). */
    @WithDefault("hearth-account-eraser")
    String clientId();

    Optional<String> clientSecret();

    /** How often each replica looks for logins still to delete. */
    @WithDefault("5s")
    Duration interval();

    /** First retry delay after the identity provider failed; doubles per attempt. */
    @WithDefault("30s")
    Duration initialBackoff();

    @WithDefault("1h")
    Duration maxBackoff();
}
