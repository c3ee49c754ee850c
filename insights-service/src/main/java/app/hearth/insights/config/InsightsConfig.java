package app.hearth.insights.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "hearth.insights")
public interface InsightsConfig {

    /** k-anonymity: a population cell built from fewer couples than this is suppressed. */
    @WithDefault("10")
    int populationK();

    /** How long the exercise catalogue is reused before it is read again from exercise-service. */
    @WithDefault("PT1H")
    Duration catalogueTtl();

    /**
     * A couple's read model is rebuilt on its next read once older than this, even if no change was recorded: a bound
     * on how long any missed invalidation could last, not how it normally refreshes (every fact does that).
     */
    @WithDefault("PT1H")
    Duration readModelMaxAge();
}
