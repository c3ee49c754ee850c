package app.hearth.reminder;

import app.hearth.testsupport.SettableClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Replaces the platform's default clock in tests, so firing can be checked at chosen instants. */
public class TestClock {
    public static final SettableClock CLOCK = new SettableClock();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
