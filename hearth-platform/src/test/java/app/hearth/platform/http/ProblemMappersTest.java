package app.hearth.platform.http;

import static app.hearth.platform.http.ProblemMappers.DatabaseTrouble.BUSY;
import static app.hearth.platform.http.ProblemMappers.DatabaseTrouble.UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    @Test
    void aDatabaseGoneAwayIsRecognisedInCausesAndInSuppressedExceptions() {
        SQLException terminated =
                new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        assertThat(ProblemMappers.databaseTrouble(new RuntimeException(new IllegalStateException(terminated))))
                .isEqualTo(UNREACHABLE);
        // What a commit on a dying connection looks like: the transaction manager's exception, the driver's suppressed.
        RuntimeException rollback = new RuntimeException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new Exception("Error trying to transactionCommit local transaction", terminated));
        assertThat(ProblemMappers.databaseTrouble(new RuntimeException(rollback)))
                .isEqualTo(UNREACHABLE);
        assertThat(ProblemMappers.databaseTrouble(new SQLException("Connection refused", "08001")))
                .isEqualTo(UNREACHABLE);
    }

    @Test
    void aPoolWithNoConnectionFreeInTimeIsBusyNotUnreachable() {
        // Agroal's words when every connection stays in use past the acquisition timeout.
        SQLException exhausted = new SQLException("Acquisition timeout while waiting for new connection");
        assertThat(ProblemMappers.databaseTrouble(new RuntimeException(exhausted)))
                .isEqualTo(BUSY);
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(ProblemMappers.databaseTrouble(new SQLException("duplicate key", "23505")))
                .isNull();
        RuntimeException loop = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", loop);
        loop.addSuppressed(other);
        assertThat(ProblemMappers.databaseTrouble(other)).isNull();
    }
}
