package app.hearth.platform.privacy;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The one place a person's erasure or a couple's purge is applied in a service: recorded in the erasure ledger, then
 * every {@link PersonalData} part of the service erases its share, in one transaction. couple-service calls it from the
 * erasure request it serves; every other service from the inbox, when the PartnerErased or CouplePurged event arrives
 * (and the one-off {@code ErasureRepair} for erasures applied before their locks existed).
 *
 * <p>Parts run in {@code @Priority} order, highest first: a part that the others read while erasing (the membership
 * view: which couples the person was in) has a negative priority, so it goes last.
 */
@ApplicationScoped
public class Erasures {

    @Inject
    ErasureLedger ledger;

    @Inject
    @All
    List<PersonalData> parts;

    @Inject
    PersonKeyring keyring;

    @Inject
    Event<ErasureApplied> erasureApplied;

    /**
     * In-process, inside the transaction erasing the person, after every part erased its share: for what is not data
     * but must end with the person (their open live streams, say). Named so it is never mistaken for the wire event.
     */
    public record ErasureApplied(String personId) {}

    /**
     * Records the person's erasure (at the time it was asked for) and applies it; true if it was not recorded before.
     * Applied either way: a rebuild replaying the erasure into a shadow of the tables needs it applied there.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean erasePerson(String personId, Instant at) {
        boolean first = ledger.forget(ErasureLedger.Kind.PERSON, personId, at);
        applyPersonErasure(personId);
        return first;
    }

    /** Applies an erasure already recorded in the ledger: every part, the person's keys, then {@link ErasureApplied}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyPersonErasure(String personId) {
        parts.forEach(part -> part.erasePerson(personId));
        keyring.forget(personId); // crypto-shredding: every copy of their sealed data becomes unreadable
        erasureApplied.fire(new ErasureApplied(personId));
    }

    /** Records the couple's purge and applies it; true if it was not recorded before (applied either way). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean purgeCouple(UUID coupleId, Instant at) {
        boolean first = ledger.forget(ErasureLedger.Kind.COUPLE, coupleId.toString(), at);
        applyCouplePurge(coupleId);
        return first;
    }

    /** Applies a purge already recorded in the ledger to every part. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyCouplePurge(UUID coupleId) {
        parts.forEach(part -> part.eraseCouple(coupleId));
    }
}
