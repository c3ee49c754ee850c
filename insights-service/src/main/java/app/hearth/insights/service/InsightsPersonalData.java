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

/**
 * What insights-service holds about people, for their export and their erasure: each person's facts (scores, submissions, ratings, reminders fired,
 * vacations) and the read-model documents that mention them. The facts consumer applies erasures and purges as they
 * arrive ({@link FactProjection#forgetPartner}, {@link FactProjection#forgetCouple}); this is the same, said once.
 */
@ApplicationScoped
public class InsightsPersonalData implements PersonalData {

    @Inject
    FactProjection facts;

    @Override
    public Set<String> personColumns() {
        return Set.of(
                "check_in_score.partner_id",
                "check_in_submitted.partner_id",
                "session_rating.partner_id",
                "reminder_fired_fact.partner_id",
                "vacation_fact.partner_id",
                "vacation_resume_fact.partner_id");
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void erasePerson(String personId) {
        facts.forgetPartner(personId);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void eraseCouple(UUID coupleId) {
        facts.forgetCouple(coupleId);
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
