package app.hearth.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "hearth.outbox")
public interface OutboxConfig {

    /** Whether this replica relays outbox rows to Kafka (rows are written either way). */
    @WithDefault("true")
    boolean relayEnabled();

    /** The safety-net poll; a commit that wrote events wakes the relay at once. */
    @WithDefault("1s")
    Duration pollInterval();

    @WithDefault("200")
    int batchSize();

    /** Longest wait between attempts while the broker is unreachable. */
    @WithDefault("10s")
    Duration maxBackoff();

    /** How long the relay's loop may go without a turn before the replica counts as not ready (longer than any backoff). */
    @WithDefault("2m")
    Duration stuckAfter();

    /** How long one batch may wait for the broker's acknowledgements before it is retried. */
    @WithDefault("10s")
    Duration sendTimeout();
}
