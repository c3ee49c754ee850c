package app.hearth.reminder.outbound;

import app.hearth.reminder.config.ReminderConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where webhook destinations are checked ({@link OutboundDestinations}, which looks host names up): on a small pool of
 * its own, each check with its own timeout ({@code hearth.reminders.webhooks.dns-timeout}). A slow or silent resolver
 * then delays only the deliveries to that host (the sender's other deliveries go on, its pass is not held), and a
 * registration waits at most the timeout, outside its transaction. A lookup cannot be interrupted; one that never
 * answers keeps a pool thread, and the checks queued behind it time out: bounded, never stuck.
 */
@ApplicationScoped
public class OutboundLookups {
    private static final int THREADS = 4;

    @Inject
    OutboundDestinations.HostResolver resolver;

    @Inject
    ReminderConfig config;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, task -> {
        Thread thread = new Thread(task, "webhook-lookup");
        thread.setDaemon(true);
        return thread;
    });

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** The checked destination, or a failure: {@link OutboundDestinations.Refused}, or a {@link TimeoutException}. */
    public CompletableFuture<OutboundDestinations.Destination> check(URI uri) {
        Duration timeout = config.webhooks().dnsTimeout();
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return OutboundDestinations.check(
                                        uri, resolver, config.webhooks().allowLoopbackHttp());
                            } catch (OutboundDestinations.Refused refused) {
                                throw new CompletionException(refused);
                            }
                        },
                        pool)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** As {@link #check}, waiting for it: a lookup that does not answer in time is refused, saying so. */
    public OutboundDestinations.Destination checkNow(URI uri) throws OutboundDestinations.Refused {
        try {
            return check(uri).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OutboundDestinations.Refused refused) {
                throw refused;
            }
            if (e.getCause() instanceof TimeoutException) {
                throw new OutboundDestinations.Refused("url: the host " + uri.getHost() + " did not resolve within "
                        + config.webhooks().dnsTimeout().toMillis() + " ms; try again later.");
            }
            throw new IllegalStateException("checking a webhook destination failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
