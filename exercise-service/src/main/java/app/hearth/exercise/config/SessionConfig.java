package app.hearth.exercise.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "hearth.sessions")
public interface SessionConfig {

    /** How long a paused session rests before it may resume (the guide: pace, do not force). */
    @WithDefault("20m")
    Duration coolDown();

    /** ADVANCED sessions a couple may start in any rolling seven days. */
    @WithDefault("2")
    int maxAdvancedPerWeek();

    /**
     * How long a gentle period lasts after a sign of emotional flooding (a low "felt safe" after an intense session,
     * repeated anxious or lonely check-ins): no intense session starts for the couple meanwhile.
     */
    @WithDefault("14d")
    Duration gentlePeriod();

    /** A paused session nobody touched for this long lapses by itself. */
    @WithDefault("7d")
    Duration pausedLapsesAfter();

    /**
     * An active session untouched this long no longer stands in the way of starting another (it is left, not
     * finished; it lapses like a paused one).
     */
    @WithDefault("24h")
    Duration activeBlocksFor();

    /** How often untouched sessions are looked for ("off" disables it: tests let sessions lapse themselves). */
    @WithDefault("10m")
    String lapseEvery();
}
