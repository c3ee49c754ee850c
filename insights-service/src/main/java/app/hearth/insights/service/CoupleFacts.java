package app.hearth.insights.service;

import io.quarkus.hibernate.orm.panache.Panache;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Everything insights know about one couple, read in a few queries. */
public record CoupleFacts(
        UUID coupleId,
        String kind,
        String cadence,
        Instant formedAt,
        List<String> members,
        List<Score> scores,
        List<Submitted> submitted,
        List<Session> sessions,
        List<PlanDay> planDays,
        List<Pause> pauses,
        List<GentlePeriod> gentlePeriods,
        List<Fired> fired,
        List<Vacation> vacations,
        boolean showStreaks,
        List<MemberSetting> memberSettings) {

    public record Score(
            String period,
            String partnerId,
            Instant completedAt,
            String mood,
            int moodIntensity,
            int closeness,
            int satisfaction,
            String screenTime) {}

    public record Submitted(String partnerId, String period, Instant submittedAt) {}

    public record Session(
            String sessionId,
            String slug,
            String kind,
            String level,
            List<String> layers,
            Instant startedAt,
            Instant completedAt) {}

    public record PlanDay(String sessionId, String slug, int day, int days, Instant completedAt) {}

    public record Pause(Instant pausedAt, boolean pauseWordSaid) {}

    /** What a member decided about their own part of the insights (defaults when they decided nothing). */
    public record MemberSetting(String partnerId, boolean hideTrends, boolean shareOutsideHelp, boolean traumaSaid) {
        static MemberSetting defaults(String partnerId) {
            return new MemberSetting(partnerId, false, false, false);
        }
    }

    /** What the couple's members decided about their own parts of the insights (only those who decided something). */
    @SuppressWarnings("unchecked")
    static List<MemberSetting> memberSettings(UUID coupleId) {
        return ((List<Object[]>) Panache.getEntityManager()
                        .createNativeQuery("""
                                select partner_id, hide_trends, share_outside_help, trauma_said from member_insight_setting
                                where couple_id = ?1 order by partner_id""")
                        .setParameter(1, coupleId)
                        .getResultList())
                .stream()
                        .map(r -> new MemberSetting((String) r[0], (Boolean) r[1], (Boolean) r[2], (Boolean) r[3]))
                        .toList();
    }

    public MemberSetting settingOf(String partnerId) {
        return memberSettings.stream()
                .filter(m -> m.partnerId().equals(partnerId))
                .findFirst()
                .orElse(MemberSetting.defaults(partnerId));
    }

    /** A gentle period exercise-service started after a sign of emotional flooding. */
    public record GentlePeriod(String signal, Instant startedAt, Instant until) {
        public boolean isActiveAt(Instant now) {
            return until.isAfter(now) && !startedAt.isAfter(now);
        }
    }

    public record Fired(String partnerId, String kind, Instant firedAt) {}

    public record Vacation(String partnerId, LocalDate from, LocalDate until) {}

    /** The gentle period running at {@code now}, if any (the latest, when periods overlap). */
    public java.util.Optional<GentlePeriod> gentlePeriodAt(Instant now) {
        return gentlePeriods.stream().filter(p -> p.isActiveAt(now)).reduce((a, b) -> b);
    }

    @SuppressWarnings("unchecked")
    public static CoupleFacts load(UUID coupleId, String kind, String cadence, List<String> members) {
        var em = Panache.getEntityManager();
        List<Object> formed = em.createNativeQuery("select formed_at from couple_fact where couple_id = ?1")
                .setParameter(1, coupleId)
                .getResultList();
        List<Score> scores = ((List<Object[]>)
                        em.createNativeQuery("""
                        select period, partner_id, completed_at, mood, mood_intensity, closeness, satisfaction, screen_time
                        from check_in_score where couple_id = ?1 order by period, partner_id""").setParameter(1, coupleId).getResultList())
                .stream()
                        .map(r -> new Score(
                                (String) r[0],
                                (String) r[1],
                                instant(r[2]),
                                (String) r[3],
                                ((Number) r[4]).intValue(),
                                ((Number) r[5]).intValue(),
                                ((Number) r[6]).intValue(),
                                (String) r[7]))
                        .toList();
        List<Submitted> submitted = ((List<Object[]>)
                        em.createNativeQuery("""
                        select partner_id, period, submitted_at from check_in_submitted where couple_id = ?1
                        order by submitted_at, partner_id""").setParameter(1, coupleId).getResultList())
                .stream()
                        .map(r -> new Submitted((String) r[0], (String) r[1], instant(r[2])))
                        .toList();
        List<Session> sessions = ((List<Object[]>)
                        em.createNativeQuery("""
                        select session_id, exercise_slug, kind, level, layers, started_at, completed_at from session_fact
                        where couple_id = ?1 order by coalesce(completed_at, started_at), session_id""").setParameter(1, coupleId).getResultList())
                .stream()
                        .map(r -> new Session(
                                (String) r[0],
                                (String) r[1],
                                (String) r[2],
                                (String) r[3],
                                Arrays.asList(((String) r[4]).split(" ")),
                                instant(r[5]),
                                instant(r[6])))
                        .toList();
        List<PlanDay> planDays = ((List<Object[]>)
                        em.createNativeQuery("""
                        select session_id, exercise_slug, day, days, completed_at from plan_day_fact where couple_id = ?1
                        order by completed_at, session_id, day""").setParameter(1, coupleId).getResultList())
                .stream()
                        .map(r -> new PlanDay(
                                (String) r[0],
                                (String) r[1],
                                ((Number) r[2]).intValue(),
                                ((Number) r[3]).intValue(),
                                instant(r[4])))
                        .toList();
        List<Pause> pauses = ((List<Object[]>)
                        em.createNativeQuery("""
                        select paused_at, pause_word_said from pause_fact where couple_id = ?1 order by paused_at""").setParameter(1, coupleId).getResultList())
                .stream().map(r -> new Pause(instant(r[0]), (Boolean) r[1])).toList();
        List<GentlePeriod> gentlePeriods = ((List<Object[]>)
                        em.createNativeQuery("""
                        select signal, started_at, until from gentle_period_fact where couple_id = ?1
                        order by started_at""").setParameter(1, coupleId).getResultList())
                .stream()
                        .map(r -> new GentlePeriod((String) r[0], instant(r[1]), instant(r[2])))
                        .toList();
        List<Fired> fired = members.isEmpty()
                ? List.of()
                : ((List<Object[]>) em.createNativeQuery("""
                        select partner_id, kind, fired_at from reminder_fired_fact
                        where (couple_id = ?1 or (couple_id is null and partner_id in (?2))) order by fired_at, partner_id""")
                                .setParameter(1, coupleId)
                                .setParameter(2, members)
                                .getResultList())
                        .stream()
                                .map(r -> new Fired((String) r[0], (String) r[1], instant(r[2])))
                                .toList();
        List<Vacation> vacations = members.isEmpty()
                ? List.of()
                : ((List<Object[]>) em.createNativeQuery("""
                        select v.partner_id, v.paused_at, v.until_date, coalesce(v.resumed_at, (select min(r.resumed_at)
                            from vacation_resume_fact r where r.partner_id = v.partner_id and r.resumed_at >= v.paused_at))
                        from vacation_fact v where v.partner_id in (?1)
                        order by paused_at""")
                                .setParameter(1, members)
                                .getResultList())
                        .stream()
                                .map(r -> {
                                    LocalDate from =
                                            instant(r[1]).atZone(ZoneOffset.UTC).toLocalDate();
                                    // The driver may hand a date column over as java.sql.Date or as LocalDate,
                                    // depending on the query.
                                    LocalDate until = r[2] instanceof Date d ? d.toLocalDate() : (LocalDate) r[2];
                                    Instant resumed = instant(r[3]);
                                    if (resumed != null
                                            && resumed.atZone(ZoneOffset.UTC)
                                                    .toLocalDate()
                                                    .isBefore(until)) {
                                        until = resumed.atZone(ZoneOffset.UTC).toLocalDate();
                                    }
                                    return new Vacation((String) r[0], from, until);
                                })
                                .toList();
        List<Object> preference = em.createNativeQuery(
                        "select show_streaks from insight_preference where couple_id = ?1")
                .setParameter(1, coupleId)
                .getResultList();
        List<MemberSetting> settings = memberSettings(coupleId);
        return new CoupleFacts(
                coupleId,
                kind,
                cadence,
                formed.isEmpty() || formed.get(0) == null ? null : instant(formed.get(0)),
                members,
                scores,
                submitted,
                sessions,
                planDays,
                pauses,
                gentlePeriods,
                fired,
                vacations,
                preference.isEmpty() || (Boolean) preference.get(0),
                settings);
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Object[] row) {
            return instant(row[0]);
        }
        return value instanceof Instant i
                ? i
                : value instanceof OffsetDateTime o ? o.toInstant() : ((Timestamp) value).toInstant();
    }
}
