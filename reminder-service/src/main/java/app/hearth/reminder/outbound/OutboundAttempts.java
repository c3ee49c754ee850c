package app.hearth.reminder.outbound;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * How Hearth sends to a destination someone gave it (webhooks, push services): batches claimed with a lease, sent
 * concurrently outside any transaction, outcomes recorded together; failures named by category; waits that double.
 * Each sender keeps what is its own (what it claims, how it sends, what an outcome means).
 */
public final class OutboundAttempts {

    private OutboundAttempts() {}

    /**
     * Claims a batch (its own transaction), sends it, records the outcomes (another transaction), and goes on while
     * batches come back full; returns how many attempts were made.
     */
    public static <C, O> int sendInBatches(
            Supplier<List<C>> claim, Function<C, CompletableFuture<O>> send, Consumer<O> record, int batchSize) {
        int attempts = 0;
        while (true) {
            List<C> batch = QuarkusTransaction.requiringNew().call(claim::get);
            if (batch.isEmpty()) {
                return attempts;
            }
            List<CompletableFuture<O>> sending = batch.stream().map(send).toList();
            List<O> outcomes = sending.stream().map(CompletableFuture::join).toList();
            QuarkusTransaction.requiringNew().run(() -> outcomes.forEach(record));
            attempts += batch.size();
            if (batch.size() < batchSize) {
                return attempts;
            }
        }
    }

    /**
     * The HTTP client for attempts: one request per connection (each connection goes to the address checked for that
     * attempt), hosts verified against the platform's trust store, bodies not decompressed.
     */
    public static HttpClient client(Vertx vertx, Duration timeout, int connections) {
        return vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(timeout.toMillis(), 5_000))
                .setKeepAlive(false)
                .setVerifyHost(true)
                .setTrustAll(false)
                .setDecompressionSupported(false)
                .setMaxPoolSize(connections));
    }

    /** A failed attempt's category: {@code timeout}, {@code connection-refused}, {@code tls-failed} or {@code network-error}. */
    public static String category(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return "timeout";
            }
            if (t instanceof ConnectException) {
                return "connection-refused";
            }
            if (t instanceof SSLException) {
                return "tls-failed";
            }
        }
        return "network-error";
    }

    /** The wait after the {@code attempt}-th failure: initial, doubled each time, never more than {@code max}. */
    public static Duration backoff(int attempt, Duration initial, Duration max) {
        Duration wait = initial.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 30));
        return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
    }
}
