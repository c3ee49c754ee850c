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
}
