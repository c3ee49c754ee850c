package app.hearth.testsupport;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * For race tests in a {@code @QuarkusTest}: work done in a transaction of its own that is held open (its locks kept)
 * until {@link #close()} commits it, so a test can run something else "while it is still committing" and see whether
 * that waits for it.
 */
public final class HeldTransaction implements AutoCloseable {
    private final DataSource database;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Void> committed;
    private volatile int backend;

    private HeldTransaction(DataSource database, Runnable work) throws InterruptedException {
        this.database = database;
        CountDownLatch done = new CountDownLatch(1);
        committed = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                .run(() -> {
                    backend = ((Number) Panache.getEntityManager()
                                    .createNativeQuery("select pg_backend_pid()")
                                    .getSingleResult())
                            .intValue();
                    try {
                        work.run();
                    } finally {
                        done.countDown();
                    }
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the held work did not finish within 30 s");
        }
    }

    /** Runs {@code work} in a new transaction and returns once it is done, the transaction still open. */
    public static HeldTransaction start(DataSource database, Runnable work) throws InterruptedException {
        return new HeldTransaction(database, work);
    }

    /**
     * Waits until {@code other} has finished or waits on this transaction's locks; true if it waits (what a test of
     * "the second waits for the first" expects), false if it finished meanwhile.
     */
    public boolean waitedOnBy(CompletableFuture<?> other) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!other.isDone() && System.nanoTime() < deadline) {
            if (blocksAnother()) {
                return true;
            }
            Thread.sleep(5);
        }
        return !other.isDone();
    }

    private boolean blocksAnother() {
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))")) {
            s.setInt(1, backend);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Commits the held transaction (rethrowing what made it fail). */
    @Override
    public void close() throws Exception {
        release.countDown();
        committed.get(30, TimeUnit.SECONDS);
    }
}
