package app.hearth.insights.service;

import static app.hearth.insights.service.CoupleInsights.covers;
import static app.hearth.insights.service.CoupleInsights.day;
import static app.hearth.insights.service.CoupleInsights.numbers;
import static app.hearth.insights.service.CoupleInsights.series;

import app.hearth.insights.service.CoupleInsights.Covers;
import app.hearth.insights.service.CoupleInsights.Insight;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The guide's warning signs of emotional neglect, from a couple's check-ins and pauses. */
final class WarningSigns {
    private WarningSigns() {}

    /** The guide's "cost of emotional neglect", said plainly; persistent signs point to outside help. */
    static List<Insight> of(
            CoupleFacts facts,
            List<String> periods,
            Set<String> complete,
            Set<String> frozen,
            String currentPeriod,
            Instant now,
            Voice voice) {
        List<Insight> signs = new ArrayList<>();
        for (String partner : facts.members()) {
            List<Integer> closeness = series(facts, partner, periods, CoupleFacts.Score::closeness);
            if (InsightMaths.fallingFor(closeness, 3)) {
                signs.add(new Insight(
                        "warning:closeness-falling:" + voice.ref(partner),
                        Insight.Category.WARNING_SIGN,
                        voice.possessiveSubject(partner)
                                + " closeness has fallen three check-ins in a row. Worth talking about gently, before it becomes distance.",
                        numbers(
                                "partnerId",
                                voice.ref(partner),
                                "values",
                                closeness.subList(closeness.size() - 4, closeness.size())),
                        covers(periods.get(0), currentPeriod)));
            }
            List<Integer> satisfaction = series(facts, partner, periods, CoupleFacts.Score::satisfaction);
            if (InsightMaths.persistentlyAtMost(satisfaction, 3, 4)) {
                signs.add(new Insight(
                        "warning:satisfaction-low:" + voice.ref(partner),
                        Insight.Category.WARNING_SIGN,
                        voice.possessiveSubject(partner)
                                + " satisfaction has stayed at 4 or below for three check-ins.",
                        numbers(
                                "partnerId",
                                voice.ref(partner),
                                "values",
                                satisfaction.subList(satisfaction.size() - 3, satisfaction.size()),
                                "threshold",
                                4),
                        covers(periods.get(0), currentPeriod)));
            }
        }
        // Missed check-ins: the last four finished periods since the couple formed, vacations aside.
        LocalDate formed = facts.formedAt() == null
                ? null
                : facts.formedAt().atZone(ZoneOffset.UTC).toLocalDate();
        List<String> finished = PeriodMath.lastN(PeriodMath.previous(currentPeriod), 4).stream()
                .filter(p -> formed == null || !PeriodMath.start(p).isBefore(formed))
                .filter(p -> !frozen.contains(p))
                .toList();
        long missed = finished.stream().filter(p -> !complete.contains(p)).count();
        if (finished.size() >= 3 && missed >= 2) {
            signs.add(new Insight(
                    "warning:missed-check-ins",
                    Insight.Category.WARNING_SIGN,
                    "You missed " + missed + " of your last " + finished.size()
                            + " check-ins. Neglect rarely announces itself; it is the slow drip of unspoken things.",
                    numbers("missed", missed, "periods", finished.size()),
                    covers(finished.get(0), finished.get(finished.size() - 1))));
        }
        long pauseWords = facts.pauses().stream()
                .filter(p -> p.pauseWordSaid() && p.pausedAt().isAfter(now.minus(Duration.ofDays(30))))
                .count();
        if (pauseWords >= 3) {
            signs.add(new Insight(
                    "warning:frequent-pauses",
                    Insight.Category.WARNING_SIGN,
                    "You used your pause word " + pauseWords
                            + " times in the last 30 days. Pausing is right when things flood; choose gentler exercises for a while.",
                    numbers("pauseWordUses", pauseWords, "days", 30),
                    new Covers(day(now.minus(Duration.ofDays(30))), day(now), 0)));
        }
        if (signs.size() >= 2) {
            signs.add(new Insight(
                    "outside-help",
                    Insight.Category.WARNING_SIGN,
                    "Several of these signs have lasted a while. A couples "
                            + "counsellor or therapist can help you untangle them; reaching out is a sign of care, not of failure.",
                    numbers("signs", signs.size()),
                    covers(periods.get(0), currentPeriod)));
        }
        return signs;
    }
}
