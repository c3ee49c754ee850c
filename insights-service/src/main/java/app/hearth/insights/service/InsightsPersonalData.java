package app.hearth.insights.service;

import app.hearth.platform.privacy.PersonalData;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What insights-service holds about people, for their erasure: each person's facts (scores, submissions, ratings,
 * reminders fired, vacations; exported by {@link InsightsExport}) and the read-model documents that mention them. The erasure
 * ledger keeps a keyed hash of an erased person or purged couple, so later, replayed or rebuilt events about them never
 * reach the facts again.
 */
@ApplicationScoped
public class InsightsPersonalData implements PersonalData {

    /** Fact tables with a row per person. */
    private static final List<String> PERSON_FACTS = List.of(
            "member_insight_setting",
            "check_in_score",
            "check_in_submitted",
            "session_rating",
            "reminder_fired_fact",
            "vacation_fact",
            "vacation_resume_fact");

    /** Fact tables with a row per couple (session ratings go through their session first). */
    private static final List<String> COUPLE_FACTS = List.of(
            "check_in_score",
            "check_in_submitted",
            "session_fact",
            "plan_day_fact",
            "pause_fact",
            "gentle_period_fact",
            "reminder_fired_fact",
            "insight_preference",
            "member_insight_setting",
            "couple_fact");

    @Inject
    InsightsReadModel readModel;

    @Override
    public Set<String> personColumns() {
        return PERSON_FACTS.stream().map(table -> table + ".partner_id").collect(Collectors.toSet());
    }

    /** The person's contribution goes, and every document that held something of theirs is emptied. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void erasePerson(String personId) {
        for (String table : PERSON_FACTS) {
            delete("delete from " + table + " where partner_id = ?1", personId);
        }
        readModel.forgetPartner(personId);
    }

    /** Everything about the couple goes. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void eraseCouple(UUID coupleId) {
        delete(
                "delete from session_rating where session_id in (select session_id from session_fact where couple_id = ?1)",
                coupleId);
        for (String table : COUPLE_FACTS) {
            delete("delete from " + table + " where couple_id = ?1", coupleId);
        }
        readModel.forgetCouple(coupleId);
    }

    private static void delete(String statement, Object id) {
        Panache.getEntityManager()
                .createNativeQuery(statement)
                .setParameter(1, id)
                .executeUpdate();
    }
}
