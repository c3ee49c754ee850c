package app.hearth.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatsTest {

    @Test
    void workQuietLongerThanItsAllowanceIsStaleAndOnlyThat() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        Map<String, Heartbeats.Beat> beats = Map.of(
                "outbox-relay", new Heartbeats.Beat(now.minusSeconds(5), Duration.ofMinutes(2)),
                "reminder-dispatcher", new Heartbeats.Beat(now.minus(Duration.ofMinutes(3)), Duration.ofMinutes(2)),
                "session-lapses", new Heartbeats.Beat(now.minus(Duration.ofMinutes(90)), Duration.ofHours(2)));
        assertThat(Heartbeats.stale(beats, now)).containsExactly("reminder-dispatcher");
        // Half an hour on with no new beats, everything has gone quiet too long (sorted by name).
        assertThat(Heartbeats.stale(beats, now.plus(Duration.ofMinutes(31))))
                .containsExactly("outbox-relay", "reminder-dispatcher", "session-lapses");
        assertThat(Heartbeats.stale(Map.of(), now)).isEmpty();
    }
}
