package app.hearth.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumersLivenessTest {

    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void aConsumerRetryingThroughAnOutageStaysLiveAndOneBlockedInAnAttemptDoesNot() {
        Map<String, Instant> attempts = Map.of(
                // retrying for an hour, its latest attempt began 20 s ago (backoff at most 30 s)
                "exercise-service/couple-events", NOW.minusSeconds(20),
                // one attempt that never returned
                "insights-facts/exercise-events", NOW.minus(Duration.ofMinutes(6)));
        assertThat(ConsumersLiveness.wedged(attempts, NOW, Duration.ofMinutes(5)))
                .containsExactly("insights-facts/exercise-events");
        assertThat(ConsumersLiveness.wedged(Map.of(), NOW, Duration.ofMinutes(5)))
                .isEmpty();
    }
}
