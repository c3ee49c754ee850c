package app.hearth.exercise.service;

import app.hearth.events.CoupleEvents.CheckInCadence;
import app.hearth.events.ExerciseEvents;
import app.hearth.events.ExerciseEvents.Mood;
import app.hearth.events.ExerciseEvents.ScreenTime;
import app.hearth.exercise.CheckIn;
import app.hearth.exercise.CheckInSubmission;
import app.hearth.membership.CheckInPeriods;
import app.hearth.membership.CoupleView;
import app.hearth.membership.CoupleViewMember;
import app.hearth.membership.MembershipService;
import app.hearth.membership.PartnerView;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.http.IfMatch;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.messaging.Outbox;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/** The couple's recurring check-in ritual. */
@ApplicationScoped
public class CheckInService {

    @Inject
    Outbox outbox;

    @Inject
    GentlePacing gentle;

    @Inject
    Clock clock;

    /** One partner's answers. Shared texts are revealed to the partner once both submitted; the note never is. */
    public record Answers(
            Mood mood,
            int moodIntensity,
            int closeness,
            int satisfaction,
            ScreenTime screenTime,
            String gratitude,
            String challenging,
            String need,
            String privateNote) {}

    /** A submitted check-in and its submissions as they stand after this one (what the answer shows). */
    public record Submitted(CheckIn checkIn, List<CheckInSubmission> submissions) {}

    /**
     * Submits the caller's answers for their current period (in their own calendar). The couple is locked with the
     * membership check in one statement; empty when this service does not know the caller as a member yet (see
     * {@link MembershipService#asMember}).
     */
    @Transactional
    public Optional<Submitted> submit(UUID coupleId, String personId, Answers answers) {
        CoupleView couple = MembershipService.lockActiveForMember(
                coupleId, personId, "its check-ins can be read but no longer added.");
        if (couple == null) {
            return Optional.empty();
        }
        PartnerView calendar = PartnerView.findById(personId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as stored: the answers' version
        ZoneId zone = calendar == null ? ZoneId.of("UTC") : ZoneId.of(calendar.timeZone);
        int startOfDay = calendar == null ? 4 : calendar.startOfDayHour;
        String period = CheckInPeriods.periodOf(now, zone, startOfDay, couple.checkInCadence);

        CheckIn checkIn =
                CheckIn.find("coupleId = ?1 and period = ?2", coupleId, period).firstResult();
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
            throw ApiException.conflict(
                    "already-submitted",
                    "You already checked in for " + period
                            + ". Until your partner has too, you can change it with PUT /v1/couples/" + coupleId
                            + "/check-ins/" + period + "/mine.");
        }
        CheckInSubmission submission = new CheckInSubmission();
        submission.checkInId = checkIn.id;
        submission.partnerId = personId;
        submission.submittedAt = now;
        apply(submission, answers, now);
        submission.persist();
        gentle.afterCheckIn(coupleId, personId, now);
        outbox.publish(
                ExerciseEvents.CHECK_IN_SUBMITTED,
                coupleId.toString(),
                new ExerciseEvents.CheckInSubmitted(coupleId.toString(), personId, period, checkIn.cadence, now));

        List<CheckInSubmission> all = submissions(checkIn.id);
        List<String> members = CoupleViewMember.memberIds(coupleId);
        if (members.size() == 2 && all.stream().map(s -> s.partnerId).toList().containsAll(members)) {
            checkIn.status = CheckIn.Status.COMPLETED;
            checkIn.completedAt = now;
            outbox.publish(
                    ExerciseEvents.CHECK_IN_COMPLETED,
                    coupleId.toString(),
                    new ExerciseEvents.CheckInCompleted(
                            coupleId.toString(),
                            period,
                            checkIn.cadence,
                            now,
                            all.stream()
                                    .map(s -> new ExerciseEvents.CheckInScores(
                                            s.partnerId,
                                            s.mood,
                                            s.moodIntensity,
                                            s.closeness,
                                            s.satisfaction,
                                            s.screenTime))
                                    .toList()));
        }
        return Optional.of(new Submitted(checkIn, all));
    }

    /** An edited check-in: still open (an edit never reveals the partner's answers), with the caller's answers. */
    public record Edited(String period, CheckInCadence cadence, CheckInSubmission mine, boolean partnerSubmitted) {}

    /**
     * Changes the caller's answers while the partner has not submitted yet. When it applies, one statement does it
     * (the couple locked, serialising it with the partner's submission, with the membership and status checks, and
     * the update); when it does not, the slow path finds out why (404 not submitted, 409 complete or ended). Empty
     * when this service does not know the caller as a member yet (see {@link MembershipService#asMember}).
     */
    @Transactional
    public Optional<Edited> edit(UUID coupleId, String personId, String period, Answers answers, IfMatch ifMatch) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as stored: the answers' version
        if (ifMatch.isConditional()) {
            // The version must be checked under the lock before writing: the careful path does both.
            return noted(coupleId, personId, now, explainedEdit(coupleId, personId, period, answers, now, ifMatch));
        }
        Edited edited = CheckIn.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    with couple as (
                        select cv.couple_id from couple_view cv
                        where cv.couple_id = ? and cv.status = 'ACTIVE'
                          and exists (select 1 from couple_view_member m where m.couple_id = cv.couple_id and m.partner_id = ?)
                        for update of cv)
                    update check_in_submission s set mood = ?, mood_intensity = ?, closeness = ?, satisfaction = ?,
                        screen_time = ?, gratitude = ?, challenging = ?, need = ?, private_note = ?, updated_at = ?
                    from check_in c join couple on couple.couple_id = c.couple_id
                    where c.period = ? and c.status = 'OPEN' and s.check_in_id = c.id and s.partner_id = ?
                    returning c.id, c.cadence, s.submitted_at,
                        exists (select 1 from check_in_submission o where o.check_in_id = c.id and o.partner_id <> s.partner_id)""")) {
                int i = 0;
                update.setObject(++i, coupleId);
                update.setString(++i, personId);
                update.setString(++i, answers.mood().name());
                update.setShort(++i, (short) answers.moodIntensity());
                update.setShort(++i, (short) answers.closeness());
                update.setShort(++i, (short) answers.satisfaction());
                update.setString(++i, answers.screenTime().name());
                update.setString(++i, answers.gratitude());
                update.setString(++i, answers.challenging());
                update.setString(++i, answers.need());
                update.setString(++i, answers.privateNote());
                update.setObject(++i, now.atOffset(ZoneOffset.UTC));
                update.setString(++i, period);
                update.setString(++i, personId);
                try (ResultSet row = update.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    CheckInSubmission mine = new CheckInSubmission(); // what was just written, not a managed entity
                    mine.checkInId = row.getObject(1, UUID.class);
                    mine.partnerId = personId;
                    mine.submittedAt = row.getObject(3, OffsetDateTime.class).toInstant();
                    apply(mine, answers, now);
                    return new Edited(period, CheckInCadence.valueOf(row.getString(2)), mine, row.getBoolean(4));
                }
            }
        });
        return noted(
                coupleId,
                personId,
                now,
                edited != null
                        ? Optional.of(edited)
                        : explainedEdit(coupleId, personId, period, answers, now, ifMatch));
    }

    /** A changed mood is a check-in's mood too: anxiety or loneliness named again starts a gentle period. */
    private Optional<Edited> noted(UUID coupleId, String personId, Instant now, Optional<Edited> edited) {
        edited.ifPresent(e -> gentle.afterCheckIn(coupleId, personId, now));
        return edited;
    }

    /** The edit that the one statement did not apply: why not (or, if it applies by now, the edit). */
    private Optional<Edited> explainedEdit(
            UUID coupleId, String personId, String period, Answers answers, Instant now, IfMatch ifMatch) {
        if (MembershipService.lockActiveForMember(
                        coupleId, personId, "its check-ins can be read but no longer changed.")
                == null) {
            return Optional.empty();
        }
        CheckIn checkIn = find(coupleId, period);
        CheckInSubmission mine =
                checkIn == null ? null : CheckInSubmission.findById(new CheckInSubmission.Key(checkIn.id, personId));
        if (mine == null) {
            throw ApiException.notFound("You have not checked in for " + period + ".");
        }
        if (checkIn.status == CheckIn.Status.COMPLETED) {
            throw ApiException.conflict(
                    "check-in-complete",
                    "The check-in for " + period
                            + " is complete: both of you have seen each other's answers, so they no longer change.");
        }
        ifMatch.check(mine.version(), "Your answers for " + period, false);
        apply(mine, answers, now);
        return Optional.of(new Edited(
                period, checkIn.cadence, mine, submissions(checkIn.id).size() > 1));
    }

    @Transactional
    public CheckIn find(UUID coupleId, String period) {
        return CheckIn.find("coupleId = ?1 and period = ?2", coupleId, period).firstResult();
    }

    /** The couple's check-ins with periods in [from, to] (inclusive, by period key), newest first. */
    @Transactional
    public PageOf<CheckIn> list(UUID coupleId, String from, String to, boolean completedOnly, PageRequest request) {
        String where = "coupleId = ?1 and period >= ?2 and period <= ?3" + (completedOnly ? " and status = ?4" : "");
        Object[] values = completedOnly
                ? new Object[] {coupleId, from == null ? "" : from, to == null ? "9999" : to, CheckIn.Status.COMPLETED}
                : new Object[] {coupleId, from == null ? "" : from, to == null ? "9999" : to};
        var query = CheckIn.<CheckIn>find(where + " order by period desc, id", values);
        return new PageOf<>(
                query.page(Page.of(request.page(), request.size())).list(),
                request.page(),
                request.size(),
                query.count());
    }

    @Transactional
    public List<CheckInSubmission> submissions(UUID checkInId) {
        return CheckInSubmission.list("checkInId = ?1 order by submittedAt, partnerId", checkInId);
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
