package app.hearth.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Events on {@code couple-events}, keyed by couple id. Every other service authorises from these: who is a member,
 * whether the couple is active, and which partner apps it granted what. No text a person wrote travels here: the
 * pause word itself stays in couple-service, only whether one is agreed.
 */
public final class CoupleEvents {

    public enum RelationshipKind {
        ROMANTIC,
        FRIENDSHIP,
        FAMILY
    }

    public enum CheckInCadence {
        DAILY,
        WEEKLY
    }

    public enum EndReason {
        MEMBER_ENDED,
        PARTNER_ERASED
    }

    public enum RevokeReason {
        REVOKED,
        EXPIRED,
        COUPLE_ENDED
    }

    public record CoupleFormed(
            String coupleId,
            RelationshipKind kind,
            List<String> memberIds,
            Instant since,
            CheckInCadence checkInCadence) {}

    /**
     * {@code safetyAgreementsConfirmed} (added later, so absent in older events): both members confirmed the safety
     * agreements for the pause word agreed now; intense exercises wait for it.
     */
    public record CoupleUpdated(
            String coupleId,
            LocalDate anniversary,
            CheckInCadence checkInCadence,
            boolean pauseWordAgreed,
            Boolean safetyAgreementsConfirmed) {}

    /** Former members may still read the shared history until {@code purgeAfter}; then CouplePurged follows. */
    public record CoupleEnded(String coupleId, EndReason reason, Instant endedAt, Instant purgeAfter) {}

    /** The couple's shared history is deleted everywhere. */
    public record CouplePurged(String coupleId) {}

    /** Both members agreed that a partner app may read these scopes of the couple's data (until expiresAt, if set). */
    public record IntegrationGranted(
            String coupleId, String grantId, String clientId, Set<String> scopes, Instant expiresAt) {}

    public record IntegrationRevoked(String coupleId, String grantId, String clientId, RevokeReason reason) {}

    public static final EventType<CoupleFormed> FORMED =
            new EventType<>("hearth.couple.formed.v1", Topics.COUPLE_EVENTS, CoupleFormed.class);
    public static final EventType<CoupleUpdated> UPDATED =
            new EventType<>("hearth.couple.updated.v1", Topics.COUPLE_EVENTS, CoupleUpdated.class);
    public static final EventType<CoupleEnded> ENDED =
            new EventType<>("hearth.couple.ended.v1", Topics.COUPLE_EVENTS, CoupleEnded.class);
    public static final EventType<CouplePurged> PURGED =
            new EventType<>("hearth.couple.purged.v1", Topics.COUPLE_EVENTS, CouplePurged.class);
    public static final EventType<IntegrationGranted> INTEGRATION_GRANTED =
            new EventType<>("hearth.couple.integration-granted.v1", Topics.COUPLE_EVENTS, IntegrationGranted.class);
    public static final EventType<IntegrationRevoked> INTEGRATION_REVOKED =
            new EventType<>("hearth.couple.integration-revoked.v1", Topics.COUPLE_EVENTS, IntegrationRevoked.class);

    private CoupleEvents() {}
}
