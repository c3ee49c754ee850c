package app.hearth.platform.privacy;

import app.hearth.events.EventMentions;
import app.hearth.events.Topics;
import app.hearth.platform.messaging.EventConsumer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Removes what this service still holds of people erased and couples purged earlier: rows written before applying an
 * event took the erasure lock (issue 30: a CoupleFormed applied while the PartnerErased of one of its members was
 * committing wrote that member back into the membership view, and the reminders and facts built on it). Every id in a
 * column that names a person or a couple is checked against the erasure ledger; for each one found there the erasure is
 * applied again, by the same code as when it first arrived ({@link Erasures}). Runs once per database, in the background
 * after start-up (recorded in {@code one_off_task}); running it again finds nothing more to do.
 */
@ApplicationScoped
public class ErasureRepair {
    private static final Logger LOG = Logger.getLogger(ErasureRepair.class);
    static final String TASK = "erasure-repair-issue-30";
    /** Columns of Hearth's tables that hold a person's id. */
    static final Set<String> PERSON_COLUMNS =
            Set.of("partner_id", "owner_id", "started_by", "paused_by", "ended_by", "completed_by");

    static final Set<String> COUPLE_COLUMNS = Set.of("couple_id");
    private static final int BATCH = 500;

    public record Result(Set<String> people, Set<String> couples) {}

    @Inject
    @Any
    Instance<EventConsumer> consumers;

    @Inject
    ErasureLedger ledger;

    @Inject
    Erasures erasures;

    @Inject
    EntityManager em;

    void onStart(@Observes StartupEvent start) {
        if (consumersOf(Topics.PARTNER_EVENTS).isEmpty()
                && consumersOf(Topics.COUPLE_EVENTS).isEmpty()) {
            return; // nothing here applies erasures from events (couple-service erases in its own requests)
        }
        Thread worker = new Thread(
                () -> {
                    try {
                        if (QuarkusTransaction.requiringNew()
                                .call(() -> em.createNativeQuery("select 1 from one_off_task where name = ?1")
                                        .setParameter(1, TASK)
                                        .getResultList()
                                        .isEmpty())) {
                            Result result = run();
                            QuarkusTransaction.requiringNew()
                                    .run(() -> em.createNativeQuery("""
                            insert into one_off_task (name, completed_at) values (?1, now()) on conflict do nothing""")
                                            .setParameter(1, TASK)
                                            .executeUpdate());
                            LOG.infof(
                                    "erasure repair: %d erased people and %d purged couples removed again",
                                    result.people().size(), result.couples().size());
                        }
                    } catch (RuntimeException e) {
                        LOG.warnf("erasure repair did not finish (it runs again at the next start): %s", e.toString());
                    }
                },
                "erasure-repair");
        worker.setDaemon(true);
        worker.start();
    }

    /** Finds every erased person and purged couple still mentioned in this database and applies their erasure again. */
    public Result run() {
        Set<String> people = new HashSet<>();
        Set<String> couples = new HashSet<>();
        List<String> personIds = QuarkusTransaction.requiringNew().call(() -> idsIn(PERSON_COLUMNS));
        List<String> coupleIds = QuarkusTransaction.requiringNew().call(() -> idsIn(COUPLE_COLUMNS));
        for (int from = 0; from < personIds.size(); from += BATCH) {
            Set<String> batch = Set.copyOf(personIds.subList(from, Math.min(personIds.size(), from + BATCH)));
            people.addAll(QuarkusTransaction.requiringNew()
                    .call(() -> ledger.forgottenIn(new EventMentions(batch, Set.of()))
                            .people()));
        }
        for (int from = 0; from < coupleIds.size(); from += BATCH) {
            Set<String> batch = Set.copyOf(coupleIds.subList(from, Math.min(coupleIds.size(), from + BATCH)));
            couples.addAll(QuarkusTransaction.requiringNew()
                    .call(() -> ledger.forgottenIn(new EventMentions(Set.of(), batch))
                            .couples()));
        }
        for (String person : people) {
            applyAgain(new EventMentions(Set.of(person), Set.of()), () -> erasures.applyPersonErasure(person));
        }
        for (String couple : couples) {
            applyAgain(
                    new EventMentions(Set.of(), Set.of(couple)),
                    () -> erasures.applyCouplePurge(UUID.fromString(couple)));
        }
        return new Result(people, couples);
    }

    /** The erasure applied again as when it first arrived, in one transaction under the subject's lock. */
    private void applyAgain(EventMentions subject, Runnable erasure) {
        QuarkusTransaction.requiringNew().run(() -> {
            ledger.lockAndFind(subject);
            erasure.run();
        });
    }

    private List<EventConsumer> consumersOf(String topic) {
        return consumers.stream().filter(c -> c.topics().contains(topic)).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> idsIn(Set<String> columns) {
        List<Object[]> places =
                em.createNativeQuery("""
                        select table_name, column_name from information_schema.columns
                        where table_schema = current_schema() and column_name in (:columns)
                          and table_name in (select table_name from information_schema.tables
                                             where table_schema = current_schema() and table_type = 'BASE TABLE')""").setParameter("columns", columns).getResultList();
        Set<String> ids = new HashSet<>();
        for (Object[] place : places) {
            // Names from the catalogue, quoted: no input of anyone's reaches this statement.
            ids.addAll(em.createNativeQuery("select distinct cast(\"" + place[1] + "\" as text) from \"" + place[0]
                            + "\" where \"" + place[1] + "\" is not null")
                    .getResultList());
        }
        return new ArrayList<>(ids);
    }
}
