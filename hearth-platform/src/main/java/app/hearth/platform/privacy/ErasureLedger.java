package app.hearth.platform.privacy;

import app.hearth.events.EventMentions;
import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/**
 * Who this service must never hear of again: erased people and purged couples, kept as a keyed hash (HMAC-SHA256 with
 * a key from configuration), so the ledger itself holds no id, and a stolen table cannot be checked against a list of
 * ids without the key. Every consumer drops events about them whatever topic they arrive on and whenever (late,
 * replayed, rebuilt); tokens issued to an erased person before the erasure are refused.
 */
@ApplicationScoped
@Startup // its key is checked when the service starts, not at the first request
public class ErasureLedger {

    public enum Kind {
        PERSON,
        COUPLE
    }

    @ConfigMapping(prefix = "hearth.erasure")
    public interface Config {
        /** The HMAC key of the ledger's hashes; the same for every replica of a service, a secret in production. */
        String hashKey();
    }

    @Inject
    EntityManager em;

    private final KeyedHash hmac;

    @Inject
    public ErasureLedger(Config config, SecretKeys keys) {
        this.hmac = keys.hmac("HEARTH_ERASURE_HASH_KEY", config.hashKey());
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
        String hash = hash(kind, id);
        lock(List.of(hash));
        return 1
                == em.createNativeQuery("""
                        insert into erased_subject (subject_hash, kind, erased_at) values (?1, ?2, ?3)
                        on conflict (subject_hash) do nothing""")
                        .setParameter(1, hash)
                        .setParameter(2, kind.name())
                        .setParameter(3, at)
                        .executeUpdate();
    }

    public Optional<Instant> erasedAt(Kind kind, String id) {
        // A scalar, not createNativeQuery(sql, Instant.class): Hibernate keys its plan cache on the result mapping, and
        // a result class's mapping never equals the last call's, so every request (Caller asks on each) added an entry
        // that every later lookup compared against: ~8 % of a consuming service's CPU under load.
        List<?> rows = em.createNativeQuery("select erased_at from erased_subject where subject_hash = ?1")
                .unwrap(NativeQuery.class)
                .addScalar("erased_at", StandardBasicTypes.INSTANT)
                .setParameter(1, hash(kind, id))
                .getResultList();
        return rows.stream().findFirst().map(Instant.class::cast);
    }

    /** Which of the people an event names were erased, and which couples it names were purged (one query). */
    public record Forgotten(Set<String> people, Set<String> couples) {
        public boolean anyCouple() {
            return !couples.isEmpty();
        }

        public boolean none() {
            return people.isEmpty() && couples.isEmpty();
        }
    }

    /**
     * Which of the people and couples named are forgotten, after locking each of them until the transaction ends.
     * {@link #forget} takes the same locks, so whoever writes rows about someone from what it was told (an event, an
     * answer from couple-service) and calls this first either commits before the erasure is applied (which then
     * deletes those rows) or waits for it and sees it here. Without the lock, an event applied while an erasure was
     * still committing read the ledger without it and wrote the erased person back (issue 30: a CoupleFormed and a
     * PartnerErased travel on different topics and are applied at the same moment).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Forgotten lockAndFind(EventMentions mentions) {
        Hashes hashes = hashes(mentions);
        lock(hashes.all());
        return find(hashes);
    }

    /**
     * For a transaction that writes on a person's behalf (creating their profile, say): holds the person's erasure lock
     * shared until it ends and says whether they are erased. Such writes do not wait for each other, but an erasure
     * still committing is waited for and then seen, and an erasure cannot commit while such a write is under way, so a
     * request checked just before the erasure cannot write the person back after it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean heldAgainstErasure(String person) {
        em.createNativeQuery("select pg_advisory_xact_lock_shared(?1)")
                .setParameter(1, lockKey(hash(Kind.PERSON, person)))
                .getResultList();
        return erasedAt(Kind.PERSON, person).isPresent();
    }

    /** Which of the people and couples named are forgotten, without waiting for erasures still committing. */
    public Forgotten forgottenIn(EventMentions mentions) {
        return find(hashes(mentions));
    }

    private record Hashes(Map<String, String> people, Map<String, String> couples) {
        List<String> all() {
            List<String> all = new ArrayList<>(people.keySet());
            all.addAll(couples.keySet());
            return all;
        }
    }

    private Hashes hashes(EventMentions mentions) {
        Map<String, String> people = new HashMap<>();
        mentions.people().forEach(p -> people.put(hash(Kind.PERSON, p), p));
        Map<String, String> couples = new HashMap<>();
        mentions.couples().forEach(c -> couples.put(hash(Kind.COUPLE, c), c));
        return new Hashes(people, couples);
    }

    /**
     * Transaction-scoped advisory locks, one per subject (the first 64 bits of its keyed hash), taken in ascending order
     * in one statement, so two transactions locking overlapping subjects queue instead of deadlocking.
     */
    private void lock(List<String> hashes) {
        if (hashes.isEmpty()) {
            return;
        }
        String keys = hashes.stream()
                .map(ErasureLedger::lockKey)
                .sorted()
                .distinct()
                .map(String::valueOf)
                .collect(Collectors.joining(","));
        em.createNativeQuery(
                        "select pg_advisory_xact_lock(k) from unnest(cast(string_to_array(?1, ',') as bigint[])) k")
                .setParameter(1, keys)
                .getResultList();
    }

    private static long lockKey(String hash) {
        return Long.parseUnsignedLong(hash.substring(0, 16), 16);
    }

    private Forgotten find(Hashes hashes) {
        List<String> all = hashes.all();
        if (all.isEmpty()) {
            return new Forgotten(Set.of(), Set.of());
        }
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery(
                        "select subject_hash from erased_subject where subject_hash in (:hashes)")
                .setParameter("hashes", all)
                .getResultList();
        Set<String> people = new HashSet<>();
        Set<String> couples = new HashSet<>();
        for (String hash : found) {
            if (hashes.people().containsKey(hash)) {
                people.add(hashes.people().get(hash));
            }
            if (hashes.couples().containsKey(hash)) {
                couples.add(hashes.couples().get(hash));
            }
        }
        return new Forgotten(people, couples);
    }
}
