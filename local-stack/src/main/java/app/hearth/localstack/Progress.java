package app.hearth.localstack;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Progress lines for the operator: what we wait for, and for how long we have waited. */
final class Progress {
    private final long started = System.nanoTime();

    void say(String line) {
        System.out.printf("[%6.1fs] %s%n", elapsedSeconds(started), line);
        System.out.flush();
    }

    /**
     * Polls {@code ready} until it holds, printing a line every few seconds. Fails with the hint when
     * {@code timeout} runs out or {@code stillAlive} turns false (the process we wait for died); the hint is taken
     * only then, so it can quote the end of a log as it stands at the failure.
     */
    void await(
            String what, Duration timeout, BooleanSupplier ready, BooleanSupplier stillAlive, Supplier<String> hint) {
        long t0 = System.nanoTime();
        long nextReport = t0;
        say("waiting for " + what + " ...");
        while (true) {
            if (ready.getAsBoolean()) {
                say(what + " ready after " + String.format("%.1f s", elapsedSeconds(t0)));
                return;
            }
            long now = System.nanoTime();
            if (!stillAlive.getAsBoolean()) {
                throw new StackException(what + " exited before it was ready. " + hint.get());
            }
            if (now - t0 > timeout.toNanos()) {
                throw new StackException(
                        "gave up waiting for " + what + " after " + timeout.toSeconds() + " s. " + hint.get());
            }
            if (now >= nextReport + TimeUnit.SECONDS.toNanos(5)) {
                nextReport = now;
                say("  still waiting for " + what + " (" + String.format("%.0f s", elapsedSeconds(t0)) + ")");
            }
            sleep(250);
        }
    }

    static double elapsedSeconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }
}
