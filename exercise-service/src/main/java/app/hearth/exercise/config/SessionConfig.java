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
}
