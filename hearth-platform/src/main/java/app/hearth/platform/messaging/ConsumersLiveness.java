package app.hearth.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: no consumer is wedged. A consumer retrying a record through a database or broker outage makes an attempt
 * at least every {@code hearth.events.retry.max-backoff} and stays live however long the outage lasts (a restart
 * would change nothing, and restarting every consumer pod at once is what an outage does not need); one whose
 * attempt has not returned for {@code wedged-after} (a thread blocked for good) is not, and Kubernetes restarts it.
 * SmallRye's own check (a record unprocessed for too long) is switched off for that reason.
 */
@Liveness
@ApplicationScoped
public class ConsumersLiveness implements HealthCheck {

    @ConfigMapping(prefix = "hearth.events.liveness")
    public interface Config {
        /** Longer than any attempt can take (a transaction times out after 60 s). */
        @WithDefault("5m")
        Duration wedgedAfter();
    }

    @Inject
    Config config;

    @Inject
    Attempts attempts;

    /** When the attempt under way on each channel began (absent between records), as InboxProcessor reports it. */
    @ApplicationScoped
    public static class Attempts {
        private final Map<String, Instant> started = new ConcurrentHashMap<>();

        void attempting(String channel) {
            started.put(channel, Instant.now());
        }

        void idle(String channel) {
            started.remove(channel);
        }
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Instant> now = Map.copyOf(attempts.started);
        List<String> wedged = wedged(now, Instant.now(), config.wedgedAfter());
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("event consumers").status(wedged.isEmpty());
        wedged.forEach(channel -> response.withData(channel, "attempt under way since " + now.get(channel)));
        return response.build();
    }

    /** The channels whose current attempt began more than {@code after} ago. */
    static List<String> wedged(Map<String, Instant> attempts, Instant now, Duration after) {
        return attempts.entrySet().stream()
                .filter(e -> e.getValue().plus(after).isBefore(now))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
