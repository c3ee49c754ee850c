package app.hearth.platform.scheduling;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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

    public void run(Runnable pass) {
        if (stopping) {
            return;
        }
        try {
            pass.run();
        } catch (RuntimeException e) {
            if (!stopping) {
                throw e;
            }
        }
    }
}
