package app.hearth.platform.runtime;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Runs a scheduled pass (a dispatcher, a sender) unless the application is stopping. A pass cut short by shutdown
 * rolls back and is redone by another replica or after the next start, so its failure then is not an error.
 */
@ApplicationScoped
public class PeriodicWork {
    private volatile boolean stopping;

    void stopping(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    @Inject
    Heartbeats heartbeats;

    /**
     * Runs one pass of {@code name}, which runs again within {@code allowance} while the scheduler lives: a pass that
     * never returns (or a scheduler that died) makes the replica unready, one that fails does not.
     */
    public void run(String name, Duration allowance, Runnable pass) {
        if (stopping) {
            return;
        }
        try {
            pass.run();
        } catch (RuntimeException e) {
            if (!stopping) {
                throw e;
            }
        } finally {
            heartbeats.beat(name, allowance);
        }
    }
}
