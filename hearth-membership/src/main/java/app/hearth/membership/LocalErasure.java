package app.hearth.membership;

import java.util.UUID;

/**
 * Fired synchronously, inside the transaction that applies couple-service's erasure events, before the membership view
 * forgets the person or couple: each service observes these to delete its own data about them.
 */
public final class LocalErasure {

    /** Delete everything this service holds about the person (PartnerErased). */
    public record PartnerErased(String partnerId) {
    }

    /** Delete the couple's shared history (CouplePurged). Tables referencing couple_view also cascade. */
    public record CouplePurged(UUID coupleId) {
    }

    private LocalErasure() {
    }
}
