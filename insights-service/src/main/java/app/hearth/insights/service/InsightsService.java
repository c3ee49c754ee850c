package app.hearth.insights.service;

import app.hearth.events.CoupleEvents.CheckInCadence;
import app.hearth.insights.config.InsightsConfig;
import app.hearth.membership.CheckInPeriods;
import app.hearth.membership.MembershipService;
import app.hearth.platform.problem.ApiException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** Reads facts and computes what a couple (or ops, anonymised) asks for. */
@ApplicationScoped
public class InsightsService {
    private static final Logger LOG = Logger.getLogger(InsightsService.class);

    @Inject
    Clock clock;

    @Inject
    InsightsConfig config;

    @Inject
    @RestClient
    ExerciseCatalogueClient catalogueClient;

    private volatile List<ExerciseCatalogueClient.Exercise> catalogue;
    private volatile Instant catalogueReadAt = Instant.EPOCH;

    @Inject
    InsightsReadModel readModel;

    @Inject
    MembershipService membership;

    /** A couple's facts as seen now. */
    public record Snapshot(CoupleFacts facts, String currentPeriod, Instant now) {
        public List<String> members() {
            return facts.members();
        }
    }

    /**
     * The couple's facts for one of its members: one query when the couple is known here and its read model is
     * current. A couple not known here yet is confirmed with couple-service first; anyone else gets the 404.
     */
    public Snapshot snapshotForMember(UUID coupleId, String memberId) {
        Optional<InsightsReadModel.Read> read = readModel.read(coupleId, memberId);
        if (read.isEmpty()) {
            membership.requireMember(coupleId, memberId);
            read = readModel.read(coupleId, memberId);
        }
        return snapshot(coupleId, read);
    }

    /** The couple's facts for a caller already authorised (a partner app the couple granted, or a test). */
    public Snapshot snapshot(UUID coupleId) {
        return snapshot(coupleId, readModel.read(coupleId, null));
    }

    private Snapshot snapshot(UUID coupleId, Optional<InsightsReadModel.Read> read) {
        InsightsReadModel.Read r = read.orElseThrow(() -> MembershipService.notFound(coupleId));
        Instant now = clock.instant();
        String current = CheckInPeriods.periodOf(
                now,
                r.zone(),
                r.startOfDayHour(),
                CheckInCadence.valueOf(r.facts().cadence()));
        return new Snapshot(r.facts(), current, now);
    }

    public List<CoupleInsights.Insight> insights(Snapshot s, CoupleInsights.Voice voice) {
        return CoupleInsights.of(s.facts(), s.currentPeriod(), s.now(), voice);
    }

    public Timeline timeline(Snapshot s, int periods, CoupleInsights.Voice voice) {
        return Timeline.of(s.facts(), s.currentPeriod(), periods, voice);
    }

    public List<Recommender.Recommendation> recommendations(Snapshot s, Integer minutes, String authorization) {
        CoupleFacts facts = s.facts();
        Instant now = s.now();
        List<CoupleFacts.Score> recentScores = facts.scores().stream()
                .filter(score -> score.completedAt().isAfter(now.minus(Duration.ofDays(42))))
                .toList();
        boolean highScreenTime = !recentScores.isEmpty()
                && recentScores.stream()
                                        .filter(score -> !score.screenTime().equals("UNDER_1H"))
                                        .count()
                                * 2
                        >= recentScores.size();
        boolean recentPause =
                facts.pauses().stream().anyMatch(p -> p.pausedAt().isAfter(now.minus(Duration.ofDays(14))));
        Set<String> recentlyDone = facts.sessions().stream()
                .filter(x -> x.completedAt() != null && x.completedAt().isAfter(now.minus(Duration.ofDays(14))))
                .map(CoupleFacts.Session::slug)
                .collect(Collectors.toSet());
        Recommender.Situation situation = new Recommender.Situation(
                facts.kind(),
                InsightMaths.layerCounts(CoupleInsights.completedSince(facts, now.minus(Duration.ofDays(90)))),
                highScreenTime,
                recentPause,
                recentlyDone,
                minutes);
        return Recommender.rank(catalogue(authorization), situation, 5);
    }

    /** The exercise catalogue, read from exercise-service (with the caller's token) at most once per TTL. */
    List<ExerciseCatalogueClient.Exercise> catalogue(String authorization) {
        List<ExerciseCatalogueClient.Exercise> cached = catalogue;
        if (cached != null && catalogueReadAt.plus(config.catalogueTtl()).isAfter(clock.instant())) {
            return cached;
        }
        try {
            List<ExerciseCatalogueClient.Exercise> all = new ArrayList<>();
            for (int page = 0; page < 20; page++) {
                ExerciseCatalogueClient.Page result = catalogueClient.page(page, 50, authorization);
                all.addAll(result.items());
                if (all.size() >= result.total() || result.items().isEmpty()) {
                    break;
                }
            }
            catalogue = List.copyOf(all);
            catalogueReadAt = clock.instant();
            return catalogue;
        } catch (RuntimeException e) {
            if (cached != null) {
                LOG.warnf(
                        "exercise-service unavailable (%s); recommending from the catalogue read at %s",
                        e, catalogueReadAt);
                return cached;
            }
            throw new ApiException(
                    503,
                    "https://hearth.app/problems/catalogue-unavailable",
                    "Service Unavailable",
                    "The exercise catalogue cannot be read just now. Try again in a moment.");
        }
    }

    @Transactional
    public boolean setShowStreaks(UUID coupleId, boolean show) {
        Panache.getEntityManager()
                .createNativeQuery("""
                        insert into insight_preference (couple_id, show_streaks) values (?1, ?2)
                        on conflict (couple_id) do update set show_streaks = excluded.show_streaks""")
                .setParameter(1, coupleId)
                .setParameter(2, show)
                .executeUpdate();
        readModel.touchCouple(coupleId);
        return show;
    }

    /** The guide's tables from everyone's facts, k-anonymous. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<PopulationTables.Table> population() {
        var em = Panache.getEntityManager();
        List<Object[]> couples = em.createNativeQuery("""
                select s.couple_id, cf.kind, avg(s.closeness)::float8, mode() within group (order by s.screen_time),
                       (select min(pv.time_zone) from couple_view_member m join partner_view pv on pv.partner_id = m.partner_id
                        where m.couple_id = s.couple_id)
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
                    byDay));
        }
        return PopulationTables.of(rows, config.populationK());
    }

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
