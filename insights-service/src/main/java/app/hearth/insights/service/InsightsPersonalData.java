package app.hearth.insights.service;

import app.hearth.platform.erasure.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Set;
import java.util.UUID;

/**
 * What insights-service holds about people: each person's facts (scores, submissions, ratings, reminders fired,
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
}
