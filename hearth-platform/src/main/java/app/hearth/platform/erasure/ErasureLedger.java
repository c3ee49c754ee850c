package app.hearth.platform.erasure;

import app.hearth.events.EventMentions;
import app.hearth.platform.crypto.KeyedHash;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Who this service must never hear of again: erased people and purged couples, kept as a keyed hash (HMAC-SHA256 with
 * a key from configuration), so the ledger itself holds no id, and a stolen table cannot be checked against a list of
 * ids without the key. Every consumer drops events about them whatever topic they arrive on and whenever (late,
 * replayed, rebuilt); tokens issued to an erased person before the erasure are refused.
 */
@ApplicationScoped
public class ErasureLedger {

    public enum Kind { PERSON, COUPLE }

    @ConfigMapping(prefix = "hearth.erasure")
    public interface Config {
        /** The HMAC key of the ledger's hashes; the same for every replica of a service, a secret in production. */
        String hashKey();
    }

    @Inject
    EntityManager em;

    private final KeyedHash hmac;

    @Inject
    public ErasureLedger(Config config) {
        this.hmac = new KeyedHash(config.hashKey());
    }

    public String hash(Kind kind, String id) {
        return HexFormat.of().formatHex(hmac.of(kind.name() + ":" + id));
    }

    /**
     * Records the erasure; false if it was recorded already (the first erasure time stays). A concurrent call waits
     * on the key until the first commits, so exactly one caller gets true.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean forget(Kind kind, String id, Instant at) {
        if (kind == Kind.PERSON) {
            // The answers kept for the person's retries (IdempotentRequests) hold what they sent and were shown.
            em.createNativeQuery("delete from idempotent_request where caller = ?1").setParameter(1, id).executeUpdate();
        }
        return 1 == em.createNativeQuery("""
                        insert into erased_subject (subject_hash, kind, erased_at) values (?1, ?2, ?3)
                        on conflict (subject_hash) do nothing""")
                .setParameter(1, hash(kind, id)).setParameter(2, kind.name()).setParameter(3, at).executeUpdate();
    }

    public Optional<Instant> erasedAt(Kind kind, String id) {
        // A scalar, not createNativeQuery(sql, Instant.class): Hibernate keys its plan cache on the result mapping, and
        // a result class's mapping never equals the last call's, so every request (Caller asks on each) added an entry
        // that every later lookup compared against: ~8 % of a consuming service's CPU under load.
        List<?> rows = em.createNativeQuery("select erased_at from erased_subject where subject_hash = ?1")
                .unwrap(NativeQuery.class).addScalar("erased_at", StandardBasicTypes.INSTANT)
                .setParameter(1, hash(kind, id)).getResultList();
        return rows.stream().findFirst().map(Instant.class::cast);
    }

    /** Which of the people an event names were erased, and whether any couple it names was purged (one query). */
    public record Forgotten(java.util.Set<String> people, boolean anyCouple) {
        public boolean none() {
            return people.isEmpty() && !anyCouple;
        }
    }

    public Forgotten forgottenIn(EventMentions mentions) {
        java.util.Map<String, String> people = new java.util.HashMap<>();
        mentions.people().forEach(p -> people.put(hash(Kind.PERSON, p), p));
        java.util.Set<String> couples = new java.util.HashSet<>();
        mentions.couples().forEach(c -> couples.add(hash(Kind.COUPLE, c)));
        List<String> hashes = new ArrayList<>(people.keySet());
        hashes.addAll(couples);
        if (hashes.isEmpty()) {
            return new Forgotten(java.util.Set.of(), false);
        }
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery("select subject_hash from erased_subject where subject_hash in (:hashes)")
                .setParameter("hashes", hashes).getResultList();
        java.util.Set<String> erasedPeople = new java.util.HashSet<>();
        boolean anyCouple = false;
        for (String hash : found) {
            if (people.containsKey(hash)) {
                erasedPeople.add(people.get(hash));
            }
            anyCouple |= couples.contains(hash);
        }
        return new Forgotten(erasedPeople, anyCouple);
    }
}
