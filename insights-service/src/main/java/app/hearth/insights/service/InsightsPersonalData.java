package app.hearth.insights.service;

import app.hearth.platform.erasure.PersonalData;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What insights-service holds about people, for their export and their erasure: each person's facts (scores,
 * submissions, ratings, reminders fired, vacations) and the read-model documents that mention them. The erasure
 * ledger keeps a keyed hash of an erased person or purged couple, so later, replayed or rebuilt events about them never
 * reach the facts again.
 */
@ApplicationScoped
public class InsightsPersonalData implements PersonalData {

    /** Fact tables with a row per person. */
    private static final List<String> PERSON_FACTS = List.of(
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
            "reminder_fired_fact",
            "insight_preference",
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

    /** Everything insights hold about one person. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Map<String, Object> export(String partnerId) {
        var em = Panache.getEntityManager();
        Map<String, Object> held = new LinkedHashMap<>();
        held.put(
                "checkInScores",
                rows(
                        em.createNativeQuery("""
                select couple_id, period, completed_at, mood, mood_intensity, closeness, satisfaction, screen_time
                from check_in_score where partner_id = ?1 order by completed_at""").setParameter(1, partnerId).getResultList(),
                        "coupleId",
                        "period",
                        "completedAt",
                        "mood",
                        "moodIntensity",
                        "closeness",
                        "satisfaction",
                        "screenTime"));
        held.put(
                "checkInsSubmitted",
                rows(
                        em.createNativeQuery("""
                select couple_id, period, submitted_at from check_in_submitted where partner_id = ?1 order by submitted_at""").setParameter(1, partnerId).getResultList(),
                        "coupleId",
                        "period",
                        "submittedAt"));
        held.put(
                "exerciseRatings",
                rows(
                        em.createNativeQuery("""
                select session_id, felt_connected, felt_safe from session_rating where partner_id = ?1 order by session_id""").setParameter(1, partnerId).getResultList(),
                        "sessionId",
                        "feltConnected",
                        "feltSafe"));
        held.put(
                "remindersFired",
                rows(
                        em.createNativeQuery("""
                select reminder_id, couple_id, kind, occurrence_at, fired_at from reminder_fired_fact where partner_id = ?1
                order by fired_at""").setParameter(1, partnerId).getResultList(),
                        "reminderId",
                        "coupleId",
                        "kind",
                        "occurrenceAt",
                        "firedAt"));
        held.put(
                "vacations",
                rows(
                        em.createNativeQuery("""
                select v.paused_at, v.until_date, coalesce(v.resumed_at, (select min(r.resumed_at) from vacation_resume_fact r where r.partner_id = v.partner_id and r.resumed_at >= v.paused_at))
                from vacation_fact v where v.partner_id = ?1 order by v.paused_at""").setParameter(1, partnerId).getResultList(),
                        "pausedAt",
                        "until",
                        "resumedAt"));
        return held;
    }

    private static List<Map<String, Object>> rows(List<Object[]> rows, String... names) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] row : rows) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                Object v = row[i];
                map.put(
                        names[i],
                        v instanceof Timestamp || v instanceof OffsetDateTime
                                ? CoupleFacts.instant(v)
                                : v instanceof Date d ? d.toLocalDate() : v);
            }
            out.add(map);
        }
        return out;
    }
}
