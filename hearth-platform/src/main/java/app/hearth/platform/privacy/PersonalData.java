package app.hearth.platform.privacy;

import java.util.Set;
import java.util.UUID;

/**
 * What one part of a service (the service itself, hearth-membership's view, the platform's own tables) holds about
 * people, said in one place: which columns name a person, and how a person's erasure and a couple's purge reach
 * them. Adding a table that names a person means adding it here; each service's {@code PersonalDataCoverageTest}
 * fails until then.
 */
public interface PersonalData {

    /**
     * Every column of this part's tables that names a person, as {@code table.column}: deleted or unlinked by
     * {@link #erasePerson}, or kept for a stated reason (the erasure ledger's keyed hashes, say) in the method's comment.
     */
    Set<String> personColumns();

    /** Deletes or unlinks everything this part holds about the person; runs in the transaction applying the erasure. */
    void erasePerson(String personId);

    /** Deletes what this part holds of a purged couple's shared history that does not go with it by cascade. */
    default void eraseCouple(UUID coupleId) {}
}
