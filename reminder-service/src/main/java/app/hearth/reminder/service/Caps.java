package app.hearth.reminder.service;

import app.hearth.platform.problem.ApiException;
import io.quarkus.hibernate.orm.panache.Panache;
import java.util.function.LongSupplier;

/**
 * Caps on how many things one owner may have (webhooks, reminders, ...), enforced atomically: the count and the
 * insert that follows happen under a transaction-scoped PostgreSQL advisory lock on the owner, so parallel requests
 * of one owner are counted one after another and cannot all slip under the cap. Call inside the transaction that
 * creates the thing.
 */
public final class Caps {
    private Caps() {}

    /**
     * Locks {@code owner} (for example {@code "reminders/<person>"}) until the transaction ends, then refuses with
     * 429 (limit-reached) if {@code count} has already reached {@code max}.
     */
    public static void enforce(String owner, int max, LongSupplier count, String detail) {
        lock(owner);
        if (count.getAsLong() >= max) {
            throw ApiException.limitReached(detail);
        }
    }

    /**
     * Holds {@code owner}'s lock until the transaction ends (for a count taken elsewhere). Several owners: lock them
     * in a fixed order (sorted), so two transactions cannot wait on each other.
     */
    public static void lock(String owner) {
        Panache.getEntityManager()
                .createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, owner)
                .getSingleResult();
    }
}
