package app.hearth.insights.service;

import app.hearth.insights.config.InsightsConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/** Hearth's own population tables on the guide's topics: k-anonymous, published whole or not at all. */
@ApplicationScoped
public class PopulationInsights {

    @Inject
    InsightsConfig config;

    @Inject
    Clock clock;

    /** Every couple with check-ins, anonymised into what the tables group by and measure. */
    @SuppressWarnings("unchecked")
    private List<PopulationTables.CoupleRow> couples() {
        var em = Panache.getEntityManager();
        List<Object[]> couples = em.createNativeQuery("""
                select s.couple_id, cf.kind, avg(s.closeness)::float8, mode() within group (order by s.screen_time),
                       (select min(pv.time_zone) from couple_view_member m join partner_view pv on pv.partner_id = m.partner_id
                        where m.couple_id = s.couple_id), avg(s.satisfaction)::float8
                from check_in_score s left join couple_fact cf on cf.couple_id = s.couple_id
                group by s.couple_id, cf.kind""").getResultList();
        // Every detox day a couple checked off, and when (the whole plan is done with its last day).
        List<Object[]> detoxDays =
                em.createNativeQuery("""
                select couple_id, day, min(completed_at), bool_or(day = days) from plan_day_fact
                where exercise_slug = ?1 group by couple_id, day""").setParameter(1, CoupleInsights.DETOX).getResultList();
        Map<UUID, Map<Integer, Instant>> daysDone = new HashMap<>();
        Map<UUID, Instant> detoxDone = new HashMap<>();
        for (Object[] d : detoxDays) {
            UUID couple = (UUID) d[0];
            Instant at = CoupleFacts.instant(d[2]);
            daysDone.computeIfAbsent(couple, c -> new TreeMap<>()).put(((Number) d[1]).intValue(), at);
            if (Boolean.TRUE.equals(d[3])) {
                detoxDone.merge(couple, at, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<Object[]> detoxScores = daysDone.isEmpty()
                ? List.of()
                : em.createNativeQuery("""
                select couple_id, completed_at, closeness from check_in_score where couple_id in (?1) order by completed_at""").setParameter(1, daysDone.keySet()).getResultList();
        Map<UUID, List<Object[]>> scoresOf = detoxScores.stream().collect(Collectors.groupingBy(s -> (UUID) s[0]));
        List<PopulationTables.CoupleRow> rows = new ArrayList<>();
        for (Object[] r : couples) {
            UUID couple = (UUID) r[0];
            List<Object[]> scores = scoresOf.getOrDefault(couple, List.of());
            Map<Integer, Instant> days = daysDone.getOrDefault(couple, Map.of());
            // "Before" is the check-ins before the couple's first detox day; "after" those after the day in question.
            Instant started = days.values().stream().min(Instant::compareTo).orElse(null);
            Double change = detoxDone.containsKey(couple) ? change(scores, started, detoxDone.get(couple)) : null;
            Map<Integer, Double> byDay = new HashMap<>();
            days.forEach((day, at) -> {
                Double dayChange = change(scores, started, at);
                if (dayChange != null) {
                    byDay.put(day, dayChange);
                }
            });
            rows.add(new PopulationTables.CoupleRow(
                    (String) r[1],
                    PopulationTables.region((String) r[4]),
                    (String) r[3],
                    ((Number) r[2]).doubleValue(),
                    change,
                    byDay,
                    ((Number) r[5]).doubleValue()));
        }
        return rows;
    }

    /** The tables for operators, from everyone's facts. */
    @Transactional
    public List<PopulationTables.Table> population() {
        return PopulationTables.of(couples(), config.populationK());
    }

    /**
     * The guide's screen-time table beside Hearth's own couples, for everyone: worked out at most every
     * {@link #SCREEN_TIME_FRESH_FOR} (it reads every couple's facts), k-anonymous like the others.
     */
    @Transactional
    public List<PopulationTables.ScreenTimeRow> screenTime() {
        Cached cached = screenTime;
        Instant now = clock.instant();
        if (cached == null || cached.at().plus(SCREEN_TIME_FRESH_FOR).isBefore(now)) {
            cached = new Cached(now, PopulationTables.screenTimeAsTheGuide(couples(), config.populationK()));
            screenTime = cached;
        }
        return cached.rows();
    }

    static final Duration SCREEN_TIME_FRESH_FOR = Duration.ofMinutes(10);

    private record Cached(Instant at, List<PopulationTables.ScreenTimeRow> rows) {}

    private volatile Cached screenTime;

    /**
     * Mean closeness of up to 8 check-ins after {@code after} minus that of up to 8 before {@code before}; null when
     * either side has none.
     */
    private static Double change(List<Object[]> scores, Instant before, Instant after) {
        List<Integer> earlier = new ArrayList<>();
        List<Integer> later = new ArrayList<>();
        for (Object[] s : scores) {
            Instant at = CoupleFacts.instant(s[1]);
            if (at.isBefore(before)) {
                earlier.add(((Number) s[2]).intValue());
            } else if (at.isAfter(after)) {
                later.add(((Number) s[2]).intValue());
            }
        }
        if (earlier.isEmpty() || later.isEmpty()) {
            return null;
        }
        return later.subList(0, Math.min(8, later.size())).stream()
                        .mapToInt(i -> i)
                        .average()
                        .orElse(0)
                - earlier.subList(Math.max(0, earlier.size() - 8), earlier.size()).stream()
                        .mapToInt(i -> i)
                        .average()
                        .orElse(0);
    }
}
