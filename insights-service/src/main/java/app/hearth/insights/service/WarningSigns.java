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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

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
        signs.addAll(outsideHelp(facts, finished, now, voice));
        return signs;
    }
    /** Where the guide sends people when exercises are not enough. */
    static final String WHEN_TO_SEEK_HELP = "/v1/guidance/when-to-seek-help";
    /** How far back a persisting sign is looked for, and how long it must have lasted within that. */
    static final Duration PERSISTS_WITHIN = Duration.ofDays(42);

    static final Duration PERSISTS_FOR = Duration.ofDays(21);

    /** Why the guide would point to outside help. */
    public enum OutsideHelpReason {
        REPEATED_CONFLICT,
        EMOTIONAL_SHUTDOWN,
        TRAUMA
    }

    /**
     * The guide: "If you notice repeated conflict, emotional shutdown, or trauma, it's time to seek support." Each
     * sign points to outside help on its own, with its reason. A sign about one member ({@code partnerId}) is shown to
     * that member alone unless they share it (CoupleInsights filters); a sign of the couple's to both.
     */
    static List<Insight> outsideHelp(CoupleFacts facts, List<String> finishedPeriods, Instant now, Voice voice) {
        List<Insight> pointers = new ArrayList<>();
        // Repeated conflict: the pause word needed in three different weeks of the last eight.
        long conflictWeeks = facts.pauses().stream()
                .filter(p -> p.pauseWordSaid() && p.pausedAt().isAfter(now.minus(Duration.ofDays(56))))
                .map(p -> PeriodMath.of(p.pausedAt().atZone(ZoneOffset.UTC).toLocalDate(), true))
                .distinct()
                .count();
        if (conflictWeeks >= 3) {
            pointers.add(pointer(
                    "outside-help:repeated-conflict",
                    OutsideHelpReason.REPEATED_CONFLICT,
                    "You needed your pause word in " + conflictWeeks + " different weeks of the last eight: hard "
                            + "talks keep flooding. The guide: \"If you notice repeated conflict, emotional shutdown, "
                            + "or trauma, it's time to seek support.\" A couples counsellor or therapist can help you "
                            + "find what keeps coming back; reaching out is a sign of care, not of failure.",
                    numbers("reason", OutsideHelpReason.REPEATED_CONFLICT, "weeks", conflictWeeks, "days", 56),
                    new Covers(day(now.minus(Duration.ofDays(56))), day(now), 0)));
        }
        // Emotional shutdown, seen by both: one of them stopped checking in while the other went on.
        if (finishedPeriods.size() >= 3) {
            List<String> lastThree = finishedPeriods.subList(finishedPeriods.size() - 3, finishedPeriods.size());
            Map<String, Long> submitted = new HashMap<>();
            for (String member : facts.members()) {
                submitted.put(
                        member,
                        facts.submitted().stream()
                                .filter(x -> x.partnerId().equals(member) && lastThree.contains(x.period()))
                                .map(CoupleFacts.Submitted::period)
                                .distinct()
                                .count());
            }
            if (submitted.size() == 2 && submitted.containsValue(0L) && submitted.containsValue(3L)) {
                pointers.add(pointer(
                        "outside-help:check-ins-stopped",
                        OutsideHelpReason.EMOTIONAL_SHUTDOWN,
                        "One of you has stopped checking in while the other kept going, three times in a row. "
                                + "Withdrawing is one way emotional shutdown shows; the guide counts it among the "
                                + "signs that it's time to seek support. Ask gently what is in the way; a counsellor "
                                + "can help if talking about it is hard.",
                        numbers("reason", OutsideHelpReason.EMOTIONAL_SHUTDOWN, "periods", 3),
                        covers(lastThree.get(0), lastThree.get(2))));
            }
        }
        for (String member : facts.members()) {
            List<CoupleFacts.Score> recent = facts.scores().stream()
                    .filter(x -> x.partnerId().equals(member)
                            && x.completedAt() != null
                            && x.completedAt().isAfter(now.minus(PERSISTS_WITHIN)))
                    .toList();
            if (persists(recent, x -> x.satisfaction() <= 4)) {
                pointers.add(pointer(
                        "outside-help:low-satisfaction:" + voice.ref(member),
                        OutsideHelpReason.REPEATED_CONFLICT,
                        voice.possessiveSubject(member)
                                + " satisfaction has stayed at 4 or below for weeks. When the same strain keeps "
                                + "coming back, the guide says it's time to seek support: a couples counsellor or "
                                + "therapist can help you untangle it.",
                        numbers(
                                "reason",
                                OutsideHelpReason.REPEATED_CONFLICT,
                                "partnerId",
                                voice.ref(member),
                                "threshold",
                                4,
                                "days",
                                PERSISTS_WITHIN.toDays()),
                        new Covers(day(now.minus(PERSISTS_WITHIN)), day(now), 0)));
            }
            if (persists(recent, x -> x.closeness() <= 3)) {
                pointers.add(pointer(
                        "outside-help:low-closeness:" + voice.ref(member),
                        OutsideHelpReason.EMOTIONAL_SHUTDOWN,
                        voice.possessiveSubject(member)
                                + " closeness has stayed at 3 or below for weeks. Feeling \"alone together\" for "
                                + "this long can be emotional shutdown, one of the guide's signs that it's time to "
                                + "seek support.",
                        numbers(
                                "reason",
                                OutsideHelpReason.EMOTIONAL_SHUTDOWN,
                                "partnerId",
                                voice.ref(member),
                                "threshold",
                                3,
                                "days",
                                PERSISTS_WITHIN.toDays()),
                        new Covers(day(now.minus(PERSISTS_WITHIN)), day(now), 0)));
            }
            if (facts.settingOf(member).traumaSaid()) {
                pointers.add(pointer(
                        "outside-help:trauma:" + voice.ref(member),
                        OutsideHelpReason.TRAUMA,
                        capitalised(voice.name(member)) + " told Hearth that a past trauma weighs on "
                                + (voice.name(member).equals("you") ? "you" : "them")
                                + ". The guide's story of Sam and Taylor: no "
                                + "amount of quality time bridged the gap until the trauma was addressed, through "
                                + "individual therapy and joint support. Deep wounds need different medicine; a "
                                + "therapist is the right next step, and reaching out is a sign of care.",
                        numbers("reason", OutsideHelpReason.TRAUMA, "partnerId", voice.ref(member)),
                        null));
            }
        }
        return pointers;
    }

    /** A sign that held at every check-in of the window, at least three of them, across at least three weeks. */
    static boolean persists(List<CoupleFacts.Score> scores, Predicate<CoupleFacts.Score> sign) {
        if (scores.size() < 3 || !scores.stream().allMatch(sign)) {
            return false;
        }
        Instant first = scores.stream()
                .map(CoupleFacts.Score::completedAt)
                .min(Instant::compareTo)
                .orElseThrow();
        Instant last = scores.stream()
                .map(CoupleFacts.Score::completedAt)
                .max(Instant::compareTo)
                .orElseThrow();
        return !Duration.between(first, last).minus(PERSISTS_FOR).isNegative();
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Insight pointer(
            String id, OutsideHelpReason reason, String sentence, Map<String, Object> numbers, Covers covers) {
        return new Insight(id, Insight.Category.OUTSIDE_HELP, sentence, numbers, covers, WHEN_TO_SEEK_HELP);
    }
}
