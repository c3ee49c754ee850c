package app.hearth.platform.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMappersTest {

    @Test
    void aDatabaseGoneAwayIsRecognisedInCausesAndInSuppressedExceptions() {
        SQLException terminated = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        assertThat(ProblemMappers.databaseUnavailable(new RuntimeException(new IllegalStateException(terminated)))).isTrue();
        // What a commit on a dying connection looks like: the transaction manager's exception, the driver's suppressed.
        RuntimeException rollback = new RuntimeException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new Exception("Error trying to transactionCommit local transaction", terminated));
        assertThat(ProblemMappers.databaseUnavailable(new RuntimeException(rollback))).isTrue();
        assertThat(ProblemMappers.databaseUnavailable(new SQLException("Connection refused", "08001"))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(ProblemMappers.databaseUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        RuntimeException loop = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", loop);
        loop.addSuppressed(other);
        assertThat(ProblemMappers.databaseUnavailable(other)).isFalse();
    }
}
