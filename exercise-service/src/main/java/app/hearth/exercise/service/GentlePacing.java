package app.hearth.exercise.service;

import app.hearth.events.ExerciseEvents;
import app.hearth.events.ExerciseEvents.GentleSignal;
import app.hearth.events.ExerciseEvents.Mood;
import app.hearth.exercise.GentlePeriod;
import app.hearth.exercise.config.SessionConfig;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.messaging.Outbox;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Slows a couple's pacing when a member shows a sign of emotional flooding ({@link SafetySignals}): for
 * {@code hearth.sessions.gentle-period} (14 days) from the latest sign no intense session starts, and insights-service
 * hears of it ({@code GentlePeriodStarted}) to recommend gentle exercises and say why. A new sign during the period
 * extends it.
 */
@ApplicationScoped
public class GentlePacing {

    @Inject
    SessionConfig config;

    @Inject
    Outbox outbox;

    /** The couple's gentle period, if one is running at {@code now}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<GentlePeriod> current(UUID coupleId, Instant now) {
        return Optional.ofNullable(GentlePeriod.<GentlePeriod>findById(coupleId))
                .filter(p -> p.isActiveAt(now));
    }

    /** Refuses intense work while the couple's gentle period runs (409 {@code gentle-period}, saying why and until). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireAllows(UUID coupleId, boolean intenseSession, Instant now) {
        current(coupleId, now)
                .flatMap(period -> SafetySignals.check(intenseSession, period.signal, period.until, now))
                .ifPresent(refusal -> {
                    throw ApiException.conflict(refusal.type(), refusal.detail());
                });
    }

    /** A member rated a session: a low "felt safe" after intense work starts a gentle period. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void afterRating(UUID coupleId, boolean intenseSession, int feltSafe, Instant at) {
        if (SafetySignals.lowFeltSafe(feltSafe, intenseSession)) {
            begin(coupleId, GentleSignal.LOW_FELT_SAFE, at);
        }
    }

    /** A member checked in: anxiety or loneliness named again and again starts a gentle period. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void afterCheckIn(UUID coupleId, String personId, Instant at) {
        List<Mood> moods = Panache.getEntityManager()
                .createQuery("""
                        select s.mood from CheckInSubmission s, CheckIn c where c.id = s.checkInId and c.coupleId = ?1
                        and s.partnerId = ?2 order by s.submittedAt desc""", Mood.class)
                .setParameter(1, coupleId)
                .setParameter(2, personId)
                .setMaxResults(SafetySignals.RECENT_CHECK_INS)
                .getResultList();
        if (SafetySignals.repeatedAnxiousOrLonely(moods)) {
            begin(coupleId, GentleSignal.ANXIOUS_OR_LONELY, at);
        }
    }

    private void begin(UUID coupleId, GentleSignal signal, Instant at) {
        // One statement, so a rating and a check-in arriving together extend one period rather than collide.
        Object[] period = (Object[]) Panache.getEntityManager()
                .createNativeQuery("""
                        insert into gentle_period (couple_id, signal, started_at, until) values (?1, ?2, ?3, ?4)
                        on conflict (couple_id) do update set signal = excluded.signal,
                            started_at = case when gentle_period.until > excluded.started_at
                                then gentle_period.started_at else excluded.started_at end,
                            until = greatest(gentle_period.until, excluded.until)
                        returning started_at, until""")
                .setParameter(1, coupleId)
                .setParameter(2, signal.name())
                .setParameter(3, at)
                .setParameter(4, at.plus(config.gentlePeriod()))
                .getSingleResult();
        outbox.publish(
                ExerciseEvents.GENTLE_PERIOD_STARTED,
                coupleId.toString(),
                new ExerciseEvents.GentlePeriodStarted(
                        coupleId.toString(), signal, instant(period[0]), instant(period[1])));
        // A period loaded earlier in this transaction must not hide what was just written.
        GentlePeriod loaded = Panache.getEntityManager().find(GentlePeriod.class, coupleId);
        if (loaded != null) {
            Panache.getEntityManager().refresh(loaded);
        }
    }

    private static Instant instant(Object value) {
        return value instanceof Instant i
                ? i
                : value instanceof OffsetDateTime o ? o.toInstant() : ((Timestamp) value).toInstant();
    }
}
