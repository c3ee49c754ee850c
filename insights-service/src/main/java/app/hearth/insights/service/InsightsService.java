package app.hearth.insights.service;

import app.hearth.events.CoupleEvents.CheckInCadence;
import app.hearth.insights.config.InsightsConfig;
import app.hearth.membership.CheckInPeriods;
import app.hearth.membership.MembershipService;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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
    ExerciseCatalogue catalogue;

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

    public List<CoupleInsights.Insight> insights(Snapshot s, Voice voice) {
        return CoupleInsights.of(s.facts(), s.currentPeriod(), s.now(), voice);
    }

    public Timeline timeline(Snapshot s, int periods, Voice voice) {
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
                facts.gentlePeriodAt(now).isPresent(),
                recentlyDone,
                minutes);
        return Recommender.rank(catalogue.exercises(authorization), situation, 5);
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

    /** What a member decided about their own part of the couple's insights (defaults when nothing yet). */
    @Transactional
    public CoupleFacts.MemberSetting mySettings(UUID coupleId, String personId) {
        return CoupleFacts.memberSettings(coupleId).stream()
                .filter(m -> m.partnerId().equals(personId))
                .findFirst()
                .orElse(CoupleFacts.MemberSetting.defaults(personId));
    }

    @Transactional
    public CoupleFacts.MemberSetting setMySettings(UUID coupleId, CoupleFacts.MemberSetting setting) {
        Panache.getEntityManager()
                .createNativeQuery("""
                        insert into member_insight_setting (couple_id, partner_id, hide_trends, share_outside_help,
                                                            trauma_said, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (couple_id, partner_id) do update set hide_trends = excluded.hide_trends,
                            share_outside_help = excluded.share_outside_help, trauma_said = excluded.trauma_said,
                            updated_at = excluded.updated_at""")
                .setParameter(1, coupleId)
                .setParameter(2, setting.partnerId())
                .setParameter(3, setting.hideTrends())
                .setParameter(4, setting.shareOutsideHelp())
                .setParameter(5, setting.traumaSaid())
                .setParameter(6, clock.instant())
                .executeUpdate();
        readModel.touchCouple(coupleId);
        return setting;
    }
}
