package app.hearth.exercise.service;

import app.hearth.membership.MembershipService;
import app.hearth.events.ExerciseEvents;
import app.hearth.events.ExerciseEvents.Mood;
import app.hearth.events.ExerciseEvents.ScreenTime;
import app.hearth.exercise.CheckIn;
import app.hearth.exercise.CheckInSubmission;
import app.hearth.membership.CheckInPeriods;
import app.hearth.membership.CoupleView;
import app.hearth.membership.CoupleViewMember;
import app.hearth.membership.PartnerView;
import app.hearth.platform.outbox.Outbox;
import app.hearth.platform.problem.ApiException;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** The couple's recurring check-in ritual. */
@ApplicationScoped
public class CheckInService {

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** One partner's answers. Shared texts are revealed to the partner once both submitted; the note never is. */
    public record Answers(Mood mood, int moodIntensity, int closeness, int satisfaction, ScreenTime screenTime,
                          String gratitude, String challenging, String need, String privateNote) {
    }

    /** Submits the caller's answers for their current period (in their own calendar). */
    @Transactional
    public CheckIn submit(UUID coupleId, String personId, Answers answers) {
        CoupleView couple = lockActive(coupleId);
        PartnerView calendar = PartnerView.findById(personId);
        Instant now = clock.instant();
        ZoneId zone = calendar == null ? ZoneId.of("UTC") : ZoneId.of(calendar.timeZone);
        int startOfDay = calendar == null ? 4 : calendar.startOfDayHour;
        String period = CheckInPeriods.periodOf(now, zone, startOfDay, couple.checkInCadence);

        CheckIn checkIn = CheckIn.find("coupleId = ?1 and period = ?2", coupleId, period).firstResult();
        if (checkIn == null) {
            checkIn = new CheckIn();
            checkIn.id = UUID.randomUUID();
            checkIn.coupleId = coupleId;
            checkIn.period = period;
            checkIn.cadence = couple.checkInCadence;
            checkIn.status = CheckIn.Status.OPEN;
            checkIn.createdAt = now;
            checkIn.persist();
        }
        if (checkIn.status == CheckIn.Status.COMPLETED) {
            throw ApiException.conflict("check-in-complete", "Your check-in for " + period + " is already complete.");
        }
        if (CheckInSubmission.findById(new CheckInSubmission.Key(checkIn.id, personId)) != null) {
            throw ApiException.conflict("already-submitted", "You already checked in for " + period
                    + ". Until your partner has too, you can change it with PUT /v1/couples/" + coupleId
                    + "/check-ins/" + period + "/mine.");
        }
        CheckInSubmission submission = new CheckInSubmission();
        submission.checkInId = checkIn.id;
        submission.partnerId = personId;
        submission.submittedAt = now;
        apply(submission, answers, now);
        submission.persist();
        outbox.publish(ExerciseEvents.CHECK_IN_SUBMITTED, coupleId.toString(), new ExerciseEvents.CheckInSubmitted(
                coupleId.toString(), personId, period, checkIn.cadence, now));

        List<CheckInSubmission> all = submissions(checkIn.id);
        List<String> members = CoupleViewMember.memberIds(coupleId);
        if (members.size() == 2 && all.stream().map(s -> s.partnerId).toList().containsAll(members)) {
            checkIn.status = CheckIn.Status.COMPLETED;
            checkIn.completedAt = now;
            outbox.publish(ExerciseEvents.CHECK_IN_COMPLETED, coupleId.toString(), new ExerciseEvents.CheckInCompleted(
                    coupleId.toString(), period, checkIn.cadence, now,
                    all.stream().map(s -> new ExerciseEvents.CheckInScores(s.partnerId, s.mood, s.moodIntensity,
                            s.closeness, s.satisfaction, s.screenTime)).toList()));
        }
        return checkIn;
    }

    /** A check-in and its submissions (one per partner who submitted). */
    public record CheckInWithSubmissions(CheckIn checkIn, List<CheckInSubmission> submissions) {
    }

    /**
     * Changes the caller's answers while the partner has not submitted yet. One transaction of four round trips: the
     * couple locked with the membership check, the check-in with its submissions, the update, the commit. Null when
     * this service does not know the caller as a member yet (confirm it, then call again).
     */
    @Transactional
    public CheckInWithSubmissions edit(UUID coupleId, String personId, String period, Answers answers) {
        if (MembershipService.lockActiveForMember(coupleId, personId, "its check-ins can be read but no longer changed.") == null) {
            return null;
        }
        List<Object[]> rows = CheckIn.getEntityManager().createQuery("""
                        select c, s from CheckIn c left join CheckInSubmission s on s.checkInId = c.id
                        where c.coupleId = ?1 and c.period = ?2 order by s.submittedAt, s.partnerId""", Object[].class)
                .setParameter(1, coupleId).setParameter(2, period).getResultList();
        CheckIn checkIn = rows.isEmpty() ? null : (CheckIn) rows.get(0)[0];
        List<CheckInSubmission> submissions = rows.stream().map(r -> (CheckInSubmission) r[1]).filter(java.util.Objects::nonNull)
                .toList();
        CheckInSubmission mine = submissions.stream().filter(s -> s.partnerId.equals(personId)).findFirst().orElse(null);
        if (mine == null) {
            throw ApiException.notFound("You have not checked in for " + period + ".");
        }
        if (checkIn.status == CheckIn.Status.COMPLETED) {
            throw ApiException.conflict("check-in-complete", "The check-in for " + period
                    + " is complete: both of you have seen each other's answers, so they no longer change.");
        }
        apply(mine, answers, clock.instant());
        return new CheckInWithSubmissions(checkIn, submissions);
    }

    @Transactional
    public CheckIn find(UUID coupleId, String period) {
        return CheckIn.find("coupleId = ?1 and period = ?2", coupleId, period).firstResult();
    }

    /** The couple's check-ins with periods in [from, to] (inclusive, by period key), newest first. */
    @Transactional
    public List<CheckIn> list(UUID coupleId, String from, String to, int page, int size) {
        return CheckIn.<CheckIn>find("coupleId = ?1 and period >= ?2 and period <= ?3 order by period desc, id",
                coupleId, from == null ? "" : from, to == null ? "9999" : to).page(Page.of(page, size)).list();
    }

    @Transactional
    public List<CheckInSubmission> submissions(UUID checkInId) {
        return CheckInSubmission.list("checkInId = ?1 order by submittedAt, partnerId", checkInId);
    }

    private static CoupleView lockActive(UUID coupleId) {
        return MembershipService.lockActive(coupleId, "its check-ins can be read but no longer added.");
    }

    private static void apply(CheckInSubmission s, Answers a, Instant now) {
        s.mood = a.mood();
        s.moodIntensity = (short) a.moodIntensity();
        s.closeness = (short) a.closeness();
        s.satisfaction = (short) a.satisfaction();
        s.screenTime = a.screenTime();
        s.gratitude = a.gratitude();
        s.challenging = a.challenging();
        s.need = a.need();
        s.privateNote = a.privateNote();
        s.updatedAt = now;
    }
}
