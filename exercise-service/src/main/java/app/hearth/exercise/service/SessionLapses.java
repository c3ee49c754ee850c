package app.hearth.exercise.service;

import app.hearth.platform.runtime.PeriodicWork;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** Lets sessions nobody touched for a week lapse, in every replica (rows are locked; a lapse happens once). */
@ApplicationScoped
public class SessionLapses {

    @Inject
    SessionEndings sessions;

    @Inject
    PeriodicWork work;

    @Scheduled(
            every = "${hearth.sessions.lapse-every}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        work.run("session-lapses", Duration.ofHours(2), () -> {
            while (sessions.lapseUntouched() == 500) {
                // a large backlog (after downtime): keep going in batches
            }
        });
    }
}
