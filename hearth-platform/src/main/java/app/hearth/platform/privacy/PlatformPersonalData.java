package app.hearth.platform.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Set;

/**
 * The platform's own tables: the answers kept for a person's retries ({@code IdempotentRequests}) hold what they sent
 * and were shown. The erasure ledger names nobody in clear (keyed hashes); the outbox and inbox hold events, whose
 * personal parts are sealed per person or gone with the erasure ledger's checks.
 */
@ApplicationScoped
public class PlatformPersonalData implements PersonalData {

    @Inject
    EntityManager em;

    @Override
    public Set<String> personColumns() {
        return Set.of("idempotent_request.caller");
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void erasePerson(String personId) {
        em.createNativeQuery("delete from idempotent_request where caller = ?1")
                .setParameter(1, personId)
                .executeUpdate();
    }
}
