package app.hearth.platform.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each piece of background work (the outbox relay, a dispatcher pass) last ran on this replica, and how long it
 * may go quiet. Work that stopped running (a hung thread, a scheduler that died) makes the replica unready; work that
 * runs and fails (a broker outage) does not, since it delays events but must not take the API out of service.
 * Real time, not the application clock: this is about threads, not about the calendar.
 */
@ApplicationScoped
public class Heartbeats {

    public record Beat(Instant at, Duration allowance) {
        boolean staleAt(Instant now) {
            return now.isAfter(at.plus(allowance));
        }
    }

    private final Map<String, Beat> beats = new ConcurrentHashMap<>();

    /** {@code name} ran just now and should run again within {@code allowance}. */
    public void beat(String name, Duration allowance) {
        beats.put(name, new Beat(Instant.now(), allowance));
    }

    public Map<String, Beat> all() {
        return Map.copyOf(beats);
    }

    /** The work that has been quiet longer than it may be, by name. */
    public static List<String> stale(Map<String, Beat> beats, Instant now) {
        return beats.entrySet().stream()
                .filter(e -> e.getValue().staleAt(now))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
