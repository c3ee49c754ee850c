package app.hearth.insights.service;

import app.hearth.events.CoupleEvents;
import app.hearth.events.EventEnvelope;
import app.hearth.events.EventHandlers;
import app.hearth.events.EventType;
import app.hearth.events.ExerciseEvents;
import app.hearth.events.ReminderEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Every service's events as facts. Each write is an insert keyed by what the fact is about (or an update that keeps
 * the latest value), so a duplicate, a redelivery or a replay from the start of the topics changes nothing. Events about
 * erased people and purged couples never get here (hearth-platform's inbox drops them), and the erasures and purges
 * themselves are applied by the inbox through {@link InsightsPersonalData}.
 */
@ApplicationScoped
public class FactProjection {
    /** The inbox consumer name of the fact channels (the membership view has its own). */
    public static final String CONSUMER = "insights-facts";

    @Inject
    Clock clock;

    @Inject
    InsightsReadModel readModel;

    private final Timer lag;

    @Inject
    public FactProjection(MeterRegistry metrics) {
        // End-to-end lag: from the event's time (when its service committed it) to its fact being applied here.
        lag = Timer.builder("hearth.insights.event.lag")
                .description("From an event's time to its fact being applied")
                // Buckets, not per-replica percentiles: the dashboard aggregates them over every replica.
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(metrics);
    }

    /** The types insights are built from, each to its fact. */
    private final EventHandlers handlers = new EventHandlers()
            .onWithEnvelope(CoupleEvents.FORMED, (formed, event) -> formed(formed, event.time()))
            .onWithEnvelope(CoupleEvents.ENDED, (ended, event) -> ended(ended, event.time()))
            .on(ExerciseEvents.CHECK_IN_SUBMITTED, this::submitted)
            .on(ExerciseEvents.CHECK_IN_COMPLETED, this::completed)
            .on(ExerciseEvents.SESSION_STARTED, this::started)
            .on(ExerciseEvents.EXERCISE_COMPLETED, this::exerciseCompleted)
            .on(ExerciseEvents.PLAN_DAY_COMPLETED, this::planDay)
            .on(ExerciseEvents.SESSION_PAUSED, this::paused)
            .on(ExerciseEvents.GENTLE_PERIOD_STARTED, this::gentle)
            .on(ReminderEvents.FIRED, this::fired)
            .on(ReminderEvents.PAUSED, this::vacation)
            .on(ReminderEvents.RESUMED, this::resumed);

    public Set<EventType<?>> handledTypes() {
        return handlers.types();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventEnvelope event) {
        if (handlers.apply(event)) {
            lag.record(Duration.between(event.time(), clock.instant()).abs());
        }
    }

    private void ended(CoupleEvents.CoupleEnded ended, Instant at) {
        // Ended may be read before formed (a rebuild reads topics side by side): either starts the row.
        sql("""
                insert into couple_fact (couple_id, ended_at) values (?1, ?2)
                on conflict (couple_id) do update set ended_at = coalesce(couple_fact.ended_at, excluded.ended_at)""", UUID.fromString(ended.coupleId()), at);
        readModel.touchCouple(UUID.fromString(ended.coupleId()));
    }

    private void resumed(ReminderEvents.RemindersResumed resumed) {
        // Kept on its own, matched to the pause it ends when read: the pause may not be here yet.
        sql(
                "insert into vacation_resume_fact (partner_id, resumed_at) values (?1, ?2) on conflict do nothing",
                resumed.partnerId(),
                resumed.resumedAt());
        readModel.touchPartner(resumed.partnerId());
    }

    private void formed(CoupleEvents.CoupleFormed formed, Instant at) {
        UUID couple = UUID.fromString(formed.coupleId());
        sql("""
                insert into couple_fact (couple_id, kind, formed_at) values (?1, ?2, ?3)
                on conflict (couple_id) do update set kind = excluded.kind, formed_at = excluded.formed_at""", couple, formed.kind().name(), at);
        readModel.touchCouple(couple);
    }

    private void submitted(ExerciseEvents.CheckInSubmitted s) {
        sql("""
                insert into check_in_submitted (couple_id, partner_id, period, submitted_at) values (?1, ?2, ?3, ?4)
                on conflict do nothing""", UUID.fromString(s.coupleId()), s.partnerId(), s.period(), s.submittedAt());
        readModel.touchCouple(UUID.fromString(s.coupleId()));
    }

    private void completed(ExerciseEvents.CheckInCompleted c) {
        for (ExerciseEvents.CheckInScores score : c.scores()) {
            // The latest completion of a period wins, whatever order the events arrive in.
            sql(
                    """
                    insert into check_in_score (couple_id, period, partner_id, cadence, completed_at, mood, mood_intensity,
                                                closeness, satisfaction, screen_time)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                    on conflict (couple_id, period, partner_id) do update set completed_at = excluded.completed_at,
                        mood = excluded.mood, mood_intensity = excluded.mood_intensity, closeness = excluded.closeness,
                        satisfaction = excluded.satisfaction, screen_time = excluded.screen_time
                    where excluded.completed_at > check_in_score.completed_at""",
                    UUID.fromString(c.coupleId()),
                    c.period(),
                    score.partnerId(),
                    c.cadence().name(),
                    c.completedAt(),
                    score.mood().name(),
                    score.moodIntensity(),
                    score.closeness(),
                    score.satisfaction(),
                    score.screenTime().name());
        }
        readModel.touchCouple(UUID.fromString(c.coupleId()));
    }

    private void started(ExerciseEvents.SessionStarted s) {
        sql(
                """
                insert into session_fact (session_id, couple_id, exercise_slug, kind, level, layers, started_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (session_id) do update set started_at = excluded.started_at""",
                s.sessionId(),
                UUID.fromString(s.coupleId()),
                s.exerciseSlug(),
                s.kind(),
                s.level(),
                String.join(" ", s.layers()),
                s.startedAt());
        readModel.touchCouple(UUID.fromString(s.coupleId()));
    }

    private void exerciseCompleted(ExerciseEvents.ExerciseCompleted c) {
        sql(
                """
                insert into session_fact (session_id, couple_id, exercise_slug, kind, level, layers, completed_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (session_id) do update set completed_at = excluded.completed_at""",
                c.sessionId(),
                UUID.fromString(c.coupleId()),
                c.exerciseSlug(),
                c.kind(),
                c.level(),
                String.join(" ", c.layers()),
                c.completedAt());
        for (ExerciseEvents.Rating rating : c.ratings()) {
            sql("""
                    insert into session_rating (session_id, partner_id, felt_connected, felt_safe) values (?1, ?2, ?3, ?4)
                    on conflict do nothing""", c.sessionId(), rating.partnerId(), rating.feltConnected(), rating.feltSafe());
        }
        readModel.touchCouple(UUID.fromString(c.coupleId()));
    }

    private void planDay(ExerciseEvents.PlanDayCompleted d) {
        sql("""
                insert into plan_day_fact (session_id, day, days, couple_id, exercise_slug, completed_at)
                values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing""", d.sessionId(), d.day(), d.days(), UUID.fromString(d.coupleId()), d.exerciseSlug(), d.completedAt());
        readModel.touchCouple(UUID.fromString(d.coupleId()));
    }

    private void paused(ExerciseEvents.SessionPaused p) {
        sql("""
                insert into pause_fact (session_id, paused_at, couple_id, pause_word_said) values (?1, ?2, ?3, ?4)
                on conflict do nothing""", p.sessionId(), p.pausedAt(), UUID.fromString(p.coupleId()), p.pauseWordSaid());
        readModel.touchCouple(UUID.fromString(p.coupleId()));
    }

    private void gentle(ExerciseEvents.GentlePeriodStarted g) {
        // An extension repeats the period's start with a later end: the latest end wins, in any order.
        sql("""
                insert into gentle_period_fact (couple_id, started_at, signal, until) values (?1, ?2, ?3, ?4)
                on conflict (couple_id, started_at) do update set until = greatest(gentle_period_fact.until, excluded.until),
                    signal = case when excluded.until > gentle_period_fact.until then excluded.signal
                        else gentle_period_fact.signal end""", UUID.fromString(g.coupleId()), g.startedAt(), g.signal().name(), g.until());
        readModel.touchCouple(UUID.fromString(g.coupleId()));
    }

    private void fired(ReminderEvents.ReminderFired f) {
        sql(
                """
                insert into reminder_fired_fact (reminder_id, partner_id, occurrence_at, couple_id, kind, fired_at)
                values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing""",
                UUID.fromString(f.reminderId()),
                f.partnerId(),
                f.occurrenceAt(),
                f.coupleId() == null ? null : UUID.fromString(f.coupleId()),
                f.kind().name(),
                f.firedAt());
        if (f.coupleId() != null) {
            readModel.touchCouple(UUID.fromString(f.coupleId()));
        } else {
            readModel.touchPartner(f.partnerId()); // a personal reminder counts in every couple they are in
        }
    }

    private void vacation(ReminderEvents.RemindersPaused p) {
        sql("""
                insert into vacation_fact (partner_id, paused_at, until_date) values (?1, ?2, ?3)
                on conflict do nothing""", p.partnerId(), p.pausedAt(), p.until());
        readModel.touchPartner(p.partnerId());
    }

    private static void sql(String statement, Object... args) {
        Query query = Panache.getEntityManager().createNativeQuery(statement);
        for (int i = 0; i < args.length; i++) {
            query.setParameter(i + 1, args[i]);
        }
        query.executeUpdate();
    }
}
