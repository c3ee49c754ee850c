package app.hearth.insights.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.insights.service.CoupleInsights.Insight;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The guide's triggers for outside help ("repeated conflict, emotional shutdown, or trauma"), each on its own, with
 * its reason and the guidance link; and who may read them and a member's trends.
 */
class OutsideHelpTest {
    static final String ADA = "ada";
    static final String BEN = "ben";
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z"); // Wednesday of 2026-W49
    static final String CURRENT = "2026-W49";

    /** Weekly check-ins, oldest first: each week's scores for both (null: that member did not check in). */
    private static CoupleFacts facts(
            List<int[]> adaWeeks,
            List<int[]> benWeeks,
            List<CoupleFacts.Pause> pauses,
            List<CoupleFacts.MemberSetting> settings) {
        List<CoupleFacts.Score> scores = new ArrayList<>();
        List<CoupleFacts.Submitted> submitted = new ArrayList<>();
        List<String> periods = PeriodMath.lastN(PeriodMath.previous(CURRENT), adaWeeks.size());
        for (int i = 0; i < periods.size(); i++) {
            String period = periods.get(i);
            Instant at = NOW.minus(Duration.ofDays(7L * (periods.size() - i)));
            for (var member : List.of(ADA, BEN)) {
                int[] week = (member.equals(ADA) ? adaWeeks : benWeeks).get(i);
                if (week != null) {
                    scores.add(new CoupleFacts.Score(period, member, at, "CALM", 3, week[0], week[1], "1_TO_3H"));
                    submitted.add(new CoupleFacts.Submitted(member, period, at));
                }
            }
        }
        return new CoupleFacts(
                UUID.randomUUID(),
                "ROMANTIC",
                "WEEKLY",
                NOW.minus(Duration.ofDays(200)),
                List.of(ADA, BEN),
                scores,
                submitted,
                List.of(),
                List.of(),
                pauses,
                List.of(),
                List.of(),
                List.of(),
                true,
                settings);
    }

    private static List<int[]> weeks(int n, int closeness, int satisfaction) {
        List<int[]> weeks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            weeks.add(new int[] {closeness, satisfaction});
        }
        return weeks;
    }

    private static List<Insight> readBy(String member, CoupleFacts facts) {
        return CoupleInsights.of(facts, CURRENT, NOW, Voice.forMember(member, facts.members()));
    }

    private static List<String> ids(List<Insight> insights) {
        return insights.stream().map(Insight::id).toList();
    }

    @Test
    void lowSatisfactionForWeeksPointsItsMemberToOutsideHelpAndNobodyElse() {
        CoupleFacts facts = facts(weeks(5, 6, 3), weeks(5, 7, 8), List.of(), List.of());
        Insight pointer = readBy(ADA, facts).stream()
                .filter(i -> i.id().equals("outside-help:low-satisfaction:" + ADA))
                .findFirst()
                .orElseThrow();
        assertThat(pointer.category()).isEqualTo(Insight.Category.OUTSIDE_HELP);
        assertThat(pointer.guidance()).isEqualTo("/v1/guidance/when-to-seek-help");
        assertThat(pointer.numbers()).containsEntry("reason", WarningSigns.OutsideHelpReason.REPEATED_CONFLICT);
        assertThat(pointer.sentence()).startsWith("Your satisfaction has stayed at 4 or below for weeks");
        // Ben sees Ada's warning (she shares her trends) but not where it points her.
        assertThat(ids(readBy(BEN, facts)))
                .contains("warning:satisfaction-low:" + ADA)
                .doesNotContain("outside-help:low-satisfaction:" + ADA);
        // Two weeks are not "weeks": no pointer yet.
        assertThat(ids(readBy(ADA, facts(weeks(2, 6, 3), weeks(2, 7, 8), List.of(), List.of()))))
                .noneMatch(id -> id.startsWith("outside-help"));
    }

    @Test
    void sharingTheirPointerShowsItToThePartner() {
        CoupleFacts shared = facts(
                weeks(5, 2, 7),
                weeks(5, 7, 8),
                List.of(),
                List.of(new CoupleFacts.MemberSetting(ADA, false, true, false)));
        assertThat(ids(readBy(BEN, shared))).contains("outside-help:low-closeness:" + ADA);
        Insight pointer = readBy(BEN, shared).stream()
                .filter(i -> i.id().equals("outside-help:low-closeness:" + ADA))
                .findFirst()
                .orElseThrow();
        assertThat(pointer.numbers()).containsEntry("reason", WarningSigns.OutsideHelpReason.EMOTIONAL_SHUTDOWN);
        assertThat(pointer.sentence()).startsWith("Your partner's closeness");
    }

    @Test
    void checkInsThatStopForOneWhileTheOtherGoesOnAreEmotionalShutdown() {
        List<int[]> ada = weeks(3, 6, 7);
        List<int[]> ben = new ArrayList<>();
        ben.add(null);
        ben.add(null);
        ben.add(null);
        CoupleFacts facts = facts(ada, ben, List.of(), List.of());
        for (String reader : List.of(ADA, BEN)) {
            Insight pointer = readBy(reader, facts).stream()
                    .filter(i -> i.id().equals("outside-help:check-ins-stopped"))
                    .findFirst()
                    .orElseThrow();
            assertThat(pointer.numbers()).containsEntry("reason", WarningSigns.OutsideHelpReason.EMOTIONAL_SHUTDOWN);
            assertThat(pointer.sentence()).startsWith("One of you").doesNotContain("Ben", "Ada");
        }
    }

    @Test
    void thePauseWordInThreeDifferentWeeksIsRepeatedConflictThreeTimesInOneWeekIsNot() {
        List<CoupleFacts.Pause> spread = List.of(
                new CoupleFacts.Pause(NOW.minus(Duration.ofDays(40)), true),
                new CoupleFacts.Pause(NOW.minus(Duration.ofDays(20)), true),
                new CoupleFacts.Pause(NOW.minus(Duration.ofDays(3)), true));
        Insight pointer = readBy(BEN, facts(weeks(3, 6, 7), weeks(3, 6, 7), spread, List.of())).stream()
                .filter(i -> i.id().equals("outside-help:repeated-conflict"))
                .findFirst()
                .orElseThrow();
        assertThat(pointer.numbers()).containsEntry("weeks", 3L);
        List<CoupleFacts.Pause> oneWeek = List.of(
                new CoupleFacts.Pause(NOW.minus(Duration.ofDays(1)), true),
                new CoupleFacts.Pause(NOW.minus(Duration.ofHours(30)), true),
                new CoupleFacts.Pause(NOW.minus(Duration.ofHours(2)), true));
        assertThat(ids(readBy(BEN, facts(weeks(3, 6, 7), weeks(3, 6, 7), oneWeek, List.of()))))
                .doesNotContain("outside-help:repeated-conflict");
    }

    @Test
    void traumaToldPrivatelyPointsOnlyThePersonWhoToldIt() {
        CoupleFacts facts = facts(
                weeks(3, 6, 7),
                weeks(3, 6, 7),
                List.of(),
                List.of(new CoupleFacts.MemberSetting(BEN, false, false, true)));
        assertThat(ids(readBy(BEN, facts))).contains("outside-help:trauma:" + BEN);
        assertThat(ids(readBy(ADA, facts))).noneMatch(id -> id.contains("trauma"));
        // Never to a partner app, even one that may read check-ins.
        Voice app = Voice.forApp(facts.members(), m -> "member-" + m, true);
        assertThat(ids(CoupleInsights.of(facts, CURRENT, NOW, app))).noneMatch(id -> id.startsWith("outside-help"));
    }

    @Test
    void aMemberWhoKeepsTheirTrendsKeepsThemFromThePartnerButNotTheSharedFacts() {
        CoupleFacts facts = facts(
                List.of(new int[] {7, 7}, new int[] {6, 6}, new int[] {5, 5}, new int[] {4, 4}),
                weeks(4, 7, 8),
                List.of(),
                List.of(new CoupleFacts.MemberSetting(ADA, true, false, false)));
        List<String> ada = ids(readBy(ADA, facts));
        List<String> ben = ids(readBy(BEN, facts));
        assertThat(ada).contains("closeness-trend:" + ADA, "warning:closeness-falling:" + ADA, "alignment");
        assertThat(ben)
                .doesNotContain("closeness-trend:" + ADA, "warning:closeness-falling:" + ADA, "alignment")
                .contains("closeness-trend:" + BEN, "check-in-streak");
        Timeline timeline = Timeline.of(facts, CURRENT, 4, Voice.forMember(BEN, facts.members()));
        assertThat(timeline.points().get(0).partners())
                .filteredOn(p -> p.partnerId().equals(ADA))
                .allSatisfy(p -> assertThat(p.closeness()).isNull());
        assertThat(timeline.points().get(0).checkInComplete()).isTrue();
    }
}
