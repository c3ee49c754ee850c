package app.hearth.platform.runtime;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Request latency as a few fixed buckets ({@code http_server_requests_seconds_bucket}), so the dashboard's p99 can be
 * computed across replicas. Few on purpose: the timer is tagged by route, method and status already.
 */
public class HttpLatencyBuckets {

    @Produces
    @Singleton
    MeterFilter httpServerRequestBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(
                                nanos(0.025),
                                nanos(0.05),
                                nanos(0.1),
                                nanos(0.25),
                                nanos(0.5),
                                nanos(1),
                                nanos(2.5),
                                nanos(5))
                        .build()
                        .merge(config);
            }
        };
    }

    /** Timer buckets are in nanoseconds. */
    private static double nanos(double seconds) {
        return seconds * 1e9;
    }
}
