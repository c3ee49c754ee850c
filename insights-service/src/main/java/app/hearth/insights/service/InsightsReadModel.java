package app.hearth.insights.service;

import app.hearth.events.EventMentions;
import app.hearth.insights.config.InsightsConfig;
import app.hearth.platform.privacy.ErasureLedger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The per-couple read model ({@code couple_insight_view}): a read is one indexed row joined with the couple's current
 * membership and calendar. The projection calls {@code touch…} in the transaction of every fact it writes; an erasure
 * empties every document that mentions the person. A stale or missing document is rebuilt by the reader and stored
 * only if nothing changed meanwhile (see V5's comment).
 */
@ApplicationScoped
public class InsightsReadModel {
    private static final Logger LOG = Logger.getLogger(InsightsReadModel.class);
    /** The document's shape: bump it when CoupleFacts changes, so older documents are rebuilt on their next read. */
    static final int FORMAT = 2; // 2: gentle periods, members' settings

    /** One query: the couple, its members (ordered as CoupleViewMember.memberIds), the first member's calendar, the document. */
    private static final String READ = """
            select c.kind, c.check_in_cadence,
                   array(select m.partner_id from couple_view_member m where m.couple_id = c.couple_id order by m.partner_id),
                   p.time_zone, p.start_of_day_hour, v.version, v.built_version, v.format, v.built_at, v.facts::text
            from couple_view c
            left join couple_insight_view v on v.couple_id = c.couple_id
            left join partner_view p on p.partner_id =
                (select min(m.partner_id) from couple_view_member m where m.couple_id = c.couple_id)
            where c.couple_id = ?
              and (cast(? as text) is null
                   or exists (select 1 from couple_view_member m where m.couple_id = c.couple_id and m.partner_id = ?))""";

    /** Rows for every couple a person is in or mentioned by (to insert, or bump on conflict). */
    private static final String COUPLES_OF_PERSON = """
            select cast(couple_id as text) from couple_view_member where partner_id = ?1
            union select cast(couple_id as text) from couple_insight_view where people @> array[cast(?1 as text)]""";
    /** A document emptied: nothing of anyone left, and the version moved so no reader can store one from before. */
    private static final String EMPTIED =
            "version = couple_insight_view.version + 1, built_version = null, format = null, "
                    + "built_at = null, facts = null, people = '{}'";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ErasureLedger ledger;

    @Inject
    ObjectMapper json;

    @Inject
    InsightsConfig config;

    @Inject
    Clock clock;

    /** A couple's facts and the calendar its periods follow (the first member's; UTC from midnight until known). */
    public record Read(CoupleFacts facts, ZoneId zone, int startOfDayHour) {}

    /**
     * The couple's facts, if this service knows the couple and {@code memberId} (when not null) is one of its members;
     * a caller passing null has authorised the read already.
     */
    public Optional<Read> read(UUID coupleId, String memberId) {
        Row row = query(coupleId, memberId);
        if (row == null) {
            return Optional.empty();
        }
        CoupleFacts facts = row.current(json, clock.instant().minus(config.readModelMaxAge()));
        if (facts == null) {
            facts = rebuild(coupleId, row.kind, row.cadence, row.members);
        } else {
            // Kind and cadence are the membership view's, as they are now.
            facts = new CoupleFacts(
                    coupleId,
                    row.kind,
                    row.cadence,
                    facts.formedAt(),
                    facts.members(),
                    facts.scores(),
                    facts.submitted(),
                    facts.sessions(),
                    facts.planDays(),
                    facts.pauses(),
                    facts.gentlePeriods(),
                    facts.fired(),
                    facts.vacations(),
                    facts.showStreaks(),
                    facts.memberSettings());
        }
        return Optional.of(new Read(
                facts,
                row.zone == null ? ZoneId.of("UTC") : ZoneId.of(row.zone),
                row.startOfDayHour == null ? 0 : row.startOfDayHour));
    }

    /** Reads the facts and stores them as the couple's document unless its version moved while they were read. */
    CoupleFacts rebuild(UUID coupleId, String kind, String cadence, List<String> members) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var em = Panache.getEntityManager();
            List<?> versions = em.createNativeQuery("select version from couple_insight_view where couple_id = ?1")
                    .setParameter(1, coupleId)
                    .getResultList();
            long version = versions.isEmpty() ? 0 : ((Number) versions.get(0)).longValue();
            CoupleFacts facts = CoupleFacts.load(coupleId, kind, cadence, members);
            // Only now the couple's erasure lock, so events about the couple are not held up by the read: a purge
            // committed meanwhile is seen (nothing stored for it), one still committing is waited for, and one that
            // comes after this commits deletes what was stored.
            if (!ledger.lockAndFind(new EventMentions(Set.of(), Set.of(coupleId.toString())))
                    .anyCouple()) {
                store(coupleId, version, facts);
            }
            return facts;
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void store(UUID coupleId, long version, CoupleFacts facts) {
        String document;
        String people;
        try {
            document = json.writeValueAsString(facts);
            people = json.writeValueAsString(people(facts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("facts of " + coupleId + " cannot be written as JSON", e);
        }
        sql("""
                insert into couple_insight_view (couple_id, version, built_version, format, built_at, facts, people)
                values (?1, ?2, ?2, ?3, ?4, cast(?5 as jsonb), array(select jsonb_array_elements_text(cast(?6 as jsonb))))
                on conflict (couple_id) do update set built_version = excluded.built_version, format = excluded.format,
                    built_at = excluded.built_at, facts = excluded.facts, people = excluded.people
                where couple_insight_view.version = excluded.version""", coupleId, version, (short) FORMAT, clock.instant(), document, people);
    }

    /** A fact about the couple changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void touchCouple(UUID coupleId) {
        sql("""
                insert into couple_insight_view (couple_id, version) values (?1, 1)
                on conflict (couple_id) do update set version = couple_insight_view.version + 1""", coupleId);
    }

    /** A fact about a person changed (a vacation, a reminder of theirs): every couple they are in or mentioned by. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void touchPartner(String partnerId) {
        touchCouplesOf(partnerId, "version = couple_insight_view.version + 1");
    }

    /** An erasure: every document holding something of the person is emptied (and cannot be stored again from before). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetPartner(String partnerId) {
        touchCouplesOf(partnerId, EMPTIED);
    }

    /**
     * Moves the version of (or empties, per {@code update}) the document of every couple the person is in or mentioned
     * by. Those couples come from the membership view, not from the event, so their erasure locks are taken here: a
     * purge of one of them still committing is waited for, and its document is then not created again.
     */
    private void touchCouplesOf(String partnerId, String update) {
        @SuppressWarnings("unchecked")
        List<String> couples = Panache.getEntityManager()
                .createNativeQuery(COUPLES_OF_PERSON)
                .setParameter(1, partnerId)
                .getResultList();
        if (couples.isEmpty()) {
            return;
        }
        Set<String> purged = ledger.lockAndFind(new EventMentions(Set.of(), Set.copyOf(couples)))
                .couples();
        String kept = couples.stream().filter(c -> !purged.contains(c)).collect(Collectors.joining(","));
        if (!kept.isEmpty()) {
            sql(
                    "insert into couple_insight_view (couple_id, version) select unnest(cast(string_to_array(?1, ',') as uuid[])), 1 "
                            + "on conflict (couple_id) do update set " + update,
                    kept);
        }
    }

    /**
     * A purge: the document goes whole, not even the couple's id stays. A reader rebuilding it meanwhile waits for the
     * purge's erasure lock and then stores nothing ({@link #rebuild}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetCouple(UUID coupleId) {
        sql("delete from couple_insight_view where couple_id = ?1", coupleId);
    }

    /** The facts were replaced wholesale (a rebuild): every document is stale. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void invalidateAll() {
        sql("update public.couple_insight_view set " + EMPTIED);
    }

    private static List<String> people(CoupleFacts facts) {
        TreeSet<String> people = new TreeSet<>(facts.members());
        facts.scores().forEach(s -> people.add(s.partnerId()));
        facts.submitted().forEach(s -> people.add(s.partnerId()));
        facts.fired().forEach(f -> people.add(f.partnerId()));
        facts.vacations().forEach(v -> people.add(v.partnerId()));
        return List.copyOf(people);
    }

    private Row query(UUID coupleId, String memberId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement statement = c.prepareStatement(READ)) {
            statement.setObject(1, coupleId);
            statement.setString(2, memberId);
            statement.setString(3, memberId);
            try (ResultSet r = statement.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                Object version = r.getObject(6);
                Object built = r.getObject(7);
                Object format = r.getObject(8);
                Timestamp builtAt = r.getTimestamp(9);
                Object startOfDayHour = r.getObject(5);
                return new Row(
                        r.getString(1),
                        r.getString(2),
                        Arrays.asList((String[]) r.getArray(3).getArray()),
                        r.getString(4),
                        startOfDayHour == null ? null : ((Number) startOfDayHour).intValue(),
                        version == null ? null : ((Number) version).longValue(),
                        built == null ? null : ((Number) built).longValue(),
                        format == null ? null : ((Number) format).intValue(),
                        builtAt == null ? null : builtAt.toInstant(),
                        r.getString(10));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the insights of " + coupleId, e);
        }
    }

    private record Row(
            String kind,
            String cadence,
            List<String> members,
            String zone,
            Integer startOfDayHour,
            Long version,
            Long builtVersion,
            Integer format,
            Instant builtAt,
            String facts) {
        /** The stored facts if they are current for these members, else null (to be rebuilt). */
        CoupleFacts current(ObjectMapper json, Instant notBuiltBefore) {
            if (facts == null
                    || version == null
                    || !version.equals(builtVersion)
                    || format == null
                    || format != FORMAT
                    || builtAt == null
                    || builtAt.isBefore(notBuiltBefore)) {
                return null;
            }
            try {
                CoupleFacts stored = json.readValue(facts, CoupleFacts.class);
                return stored.members().equals(members) ? stored : null;
            } catch (JsonProcessingException e) {
                LOG.debugf("unreadable insights document (%s): rebuilt", e.getOriginalMessage());
                return null;
            }
        }
    }

    private static void sql(String statement, Object... args) {
        Query query = Panache.getEntityManager().createNativeQuery(statement);
        for (int i = 0; i < args.length; i++) {
            query.setParameter(i + 1, args[i]);
        }
        query.executeUpdate();
    }
}
