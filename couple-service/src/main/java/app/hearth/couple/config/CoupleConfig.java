package app.hearth.couple.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "hearth.couples")
public interface CoupleConfig {

    /** How long an invitation code stays valid. */
    @WithDefault("72h")
    Duration invitationTtl();

    /** How long former members can still read and export an ended relationship before it is purged everywhere. */
    @WithDefault("30d")
    Duration retentionAfterEnd();

    /** Active relationships one person may have at once (romantic ones: one unless they chose more). */
    @WithDefault("20")
    int maxActiveRelationships();

    /** Codes a person may have waiting (pending, not expired) at once. */
    @WithDefault("10")
    int maxPendingInvitations();

    /** Failed attempts to accept a code a person may make per hour before being told to wait. */
    @WithDefault("10")
    int acceptFailuresPerHour();

    /** How often each replica purges relationships past their retention and retires expired grants. */
    @WithDefault("10m")
    Duration housekeepingInterval();

    /** The HMAC key invitation codes are stored under (a secret in production: HEARTH_INVITATION_CODE_KEY). */
    String invitationCodeKey();
}
