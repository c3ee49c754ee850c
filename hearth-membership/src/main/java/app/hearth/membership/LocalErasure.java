package app.hearth.membership;

import java.util.UUID;

/**
 * Fired synchronously, inside the transaction that applies couple-service's erasure events, before the membership view
 * forgets the person or couple: each service observes these to delete its own data about them. Named "...Applied" so
 * they are never mistaken for the wire events (PartnerEvents.PartnerErased, ...) they follow from.
 */
public final class LocalErasure {

    /** Delete everything this service holds about the person (PartnerErased). */
    public record PartnerErasureApplied(String partnerId) {}

    /** The relationship ended (CoupleEnded): stop what should no longer happen for it, such as reminders. */
    public record CoupleEndApplied(UUID coupleId) {}

    /** Delete the couple's shared history (CouplePurged). Tables referencing couple_view also cascade. */
    public record CouplePurgeApplied(UUID coupleId) {}

    private LocalErasure() {}
}
