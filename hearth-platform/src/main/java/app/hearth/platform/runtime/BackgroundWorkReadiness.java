package app.hearth.platform.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: every piece of background work on this replica is still running (see {@link Heartbeats}). */
@Readiness
@ApplicationScoped
public class BackgroundWorkReadiness implements HealthCheck {

    @Inject
    Heartbeats heartbeats;

    @Override
    public HealthCheckResponse call() {
        Instant now = Instant.now();
        var beats = heartbeats.all();
        List<String> stale = Heartbeats.stale(beats, now);
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("background work").status(stale.isEmpty());
        beats.forEach((name, beat) ->
                response.withData(name, (stale.contains(name) ? "stopped: last ran " : "last ran ") + beat.at()));
        return response.build();
    }
}
