package app.hearth.insights.service;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What insights-service holds about one person (data portability): their facts, as the events delivered them. */
@ApplicationScoped
public class InsightsExport {

    public record InsightsData(
            List<CheckInScore> checkInScores,
            List<CheckInSubmitted> checkInsSubmitted,
            List<ExerciseRating> exerciseRatings,
            List<ReminderFired> remindersFired,
            List<Vacation> vacations,
            List<InsightSetting> insightSettings) {}

    /** What the person decided about their own part of a couple's insights. */
    public record InsightSetting(
            String coupleId, boolean hideMyTrends, boolean shareMyOutsideHelp, boolean traumaWeighsOnMe) {}

    public record CheckInScore(
            String coupleId,
            String period,
            @Schema(nullable = true) Instant completedAt,
            @Schema(nullable = true) String mood,
            @Schema(nullable = true) Integer moodIntensity,
            @Schema(nullable = true) Integer closeness,
            @Schema(nullable = true) Integer satisfaction,
            @Schema(nullable = true) String screenTime) {}

    public record CheckInSubmitted(String coupleId, String period, Instant submittedAt) {}

    public record ExerciseRating(
            String sessionId,
            @Schema(nullable = true) Integer feltConnected,
            @Schema(nullable = true) Integer feltSafe) {}

    public record ReminderFired(
            String reminderId,
            String coupleId,
            String kind,
            Instant occurrenceAt,
            @Schema(nullable = true) Instant firedAt) {}

    public record Vacation(
            Instant pausedAt,
            @Schema(nullable = true) LocalDate until,
            @Schema(nullable = true) Instant resumedAt) {}

    @Transactional
    public InsightsData of(String personId) {
        return new InsightsData(
                rows(
                        """
                        select couple_id, period, completed_at, mood, mood_intensity, closeness, satisfaction, screen_time
                        from check_in_score where partner_id = ?1 order by completed_at""",
                        personId,
                        r -> new CheckInScore(
                                id(r[0]),
                                (String) r[1],
                                CoupleFacts.instant(r[2]),
                                (String) r[3],
                                integer(r[4]),
                                integer(r[5]),
                                integer(r[6]),
                                (String) r[7])),
                rows("""
                        select couple_id, period, submitted_at from check_in_submitted where partner_id = ?1
                        order by submitted_at""", personId, r -> new CheckInSubmitted(id(r[0]), (String) r[1], CoupleFacts.instant(r[2]))),
                rows("""
                        select session_id, felt_connected, felt_safe from session_rating where partner_id = ?1
                        order by session_id""", personId, r -> new ExerciseRating(id(r[0]), integer(r[1]), integer(r[2]))),
                rows(
                        """
                        select reminder_id, couple_id, kind, occurrence_at, fired_at from reminder_fired_fact
                        where partner_id = ?1 order by fired_at""",
                        personId,
                        r -> new ReminderFired(
                                id(r[0]),
                                id(r[1]),
                                (String) r[2],
                                CoupleFacts.instant(r[3]),
                                CoupleFacts.instant(r[4]))),
                rows(
                        """
                        select v.paused_at, v.until_date, coalesce(v.resumed_at, (select min(r.resumed_at)
                            from vacation_resume_fact r where r.partner_id = v.partner_id and r.resumed_at >= v.paused_at))
                        from vacation_fact v where v.partner_id = ?1 order by v.paused_at""",
                        personId,
                        r -> new Vacation(
                                CoupleFacts.instant(r[0]),
                                r[1] instanceof Date d ? d.toLocalDate() : (LocalDate) r[1],
                                CoupleFacts.instant(r[2]))),
                rows("""
                        select couple_id, hide_trends, share_outside_help, trauma_said from member_insight_setting
                        where partner_id = ?1 order by couple_id""", personId, r -> new InsightSetting(id(r[0]), (Boolean) r[1], (Boolean) r[2], (Boolean) r[3])));
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> rows(String sql, String personId, Function<Object[], T> row) {
        List<Object[]> rows = Panache.getEntityManager()
                .createNativeQuery(sql)
                .setParameter(1, personId)
                .getResultList();
        return rows.stream().map(row).toList();
    }

    /** Ids as the events carried them (fact tables keep some as text, some as uuid). */
    private static String id(Object value) {
        return value == null ? null : value.toString();
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }
}
