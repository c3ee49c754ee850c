package app.hearth.insights.service;

import app.hearth.events.ExerciseEvents;
import app.hearth.insights.service.InsightMaths.Layer;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The schema of an insight's {@code numbers}: every key an insight may carry, typed. An insight carries only the keys
 * of its kind (listed per key), so none is always present ({@code x-sparse}: ApiContract leaves them optional);
 * contract validation refuses any key not named here. Documentation only: insights build their numbers as maps
 * ({@code CoupleInsights.numbers}).
 */
@Schema(
        name = "InsightNumbers",
        description = "The numbers behind an insight's sentence: only the keys of its kind are present.",
        extensions = @Extension(name = "x-sparse", value = "true", parseValue = true))
public record InsightNumbers(
        @Schema(
                description =
                        "STREAK: periods checked in together in a row; WARNING_SIGN (missed sessions): sessions considered; OUTSIDE_HELP (check-ins stopped): periods looked at.")
        Integer periods,

        @Schema(description = "STREAK: whether the current period is already part of it.")
        Boolean includesCurrentPeriod,

        @Schema(description = "STREAK: periods on vacation that kept it frozen.")
        Integer frozenPeriods,

        @Schema(description = "ALIGNMENT: mean difference of the partners' closeness (0-10).")
        Double meanClosenessGap,

        @Schema(description = "ALIGNMENT: check-ins both partners submitted.")
        Integer pairedCheckIns,

        @Schema(description = "ALIGNMENT: the gap counted as large.")
        Double largeGapFrom,

        @JsonProperty("<1h") @Schema(nullable = true, description = "SCREEN_TIME: days under an hour.")
        ScreenTimeBucket under1h,

        @JsonProperty("1-3h") @Schema(nullable = true, description = "SCREEN_TIME: days of one to three hours.")
        ScreenTimeBucket from1To3h,

        @JsonProperty(">3h") @Schema(nullable = true, description = "SCREEN_TIME: days over three hours.")
        ScreenTimeBucket over3h,

        @Schema(description = "LAYERS: exercises per layer over the last 30 days.")
        Map<Layer, Integer> last30Days,

        @Schema(description = "LAYERS: exercises per layer over the last 90 days.")
        Map<Layer, Integer> last90Days,

        @Schema(description = "LAYERS: the layer to strengthen next.")
        Layer nextLayer,

        @Schema(description = "CONSISTENCY: micro-habits and rituals a week (last four weeks).")
        Double microHabitsAndRitualsPerWeek,

        @Schema(description = "CONSISTENCY: reminders considered.")
        Integer remindersConsidered,

        @Schema(description = "CONSISTENCY: reminders acted on within a day.")
        Integer remindersActedOnWithin24h,

        @Schema(nullable = true, description = "CONSISTENCY: their share, in percent (null without reminders).")
        Double shareActedOnPercent,

        @Schema(
                description =
                        "TREND, WARNING_SIGN, OUTSIDE_HELP: the partner it is about (a pseudonym for partner apps).")
        String partnerId,

        @Schema(description = "TREND: the scale of the values, e.g. `1-10`.")
        String scale,

        @Schema(description = "TREND: moving average of the last 4 values.")
        Double movingAverage4,

        @Schema(description = "TREND: moving average of the last 12 values.")
        Double movingAverage12,

        @Schema(description = "TREND: which way the values go.")
        InsightMaths.Direction direction,

        @Schema(description = "TREND, WARNING_SIGN: the values, oldest first (null: no check-in that period).")
        List<Integer> values,

        @Schema(description = "WARNING_SIGN, OUTSIDE_HELP: the value at or below which it counts.")
        Integer threshold,

        @Schema(description = "WARNING_SIGN: sessions missed.")
        Integer missed,

        @Schema(description = "WARNING_SIGN: times the pause word was said.")
        Integer pauseWordUses,

        @Schema(description = "WARNING_SIGN, OUTSIDE_HELP: the days looked at.")
        Integer days,

        @Schema(description = "MILESTONE: the first period checked in together.")
        String period,

        @Schema(description = "MILESTONE: the longest streak, in periods.")
        Integer longestStreak,

        @Schema(description = "MILESTONE: the layer first completed.")
        Layer layer,

        @Schema(description = "MILESTONE: the day it was reached.")
        LocalDate completedOn,

        @Schema(description = "MILESTONE: exercises completed together.")
        Long exercisesCompleted,

        @Schema(description = "OUTSIDE_HELP: why the guide would point to outside help.")
        WarningSigns.OutsideHelpReason reason,

        @Schema(description = "OUTSIDE_HELP (repeated conflict): weeks of the last eight the pause word was needed in.")
        Long weeks,

        @Schema(description = "PACING: the sign of emotional flooding that slowed pacing (never whose it was).")
        ExerciseEvents.GentleSignal signal,

        @Schema(description = "PACING: when the gentle period ends and intense exercises may start again.")
        Instant gentleUntil) {

    /** Average closeness on days of one screen-time bucket. */
    public record ScreenTimeBucket(double averageCloseness, int checkIns) {}
}
