package app.hearth.testsupport;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Replaces the platform's default clock in every service's tests (this module is indexed, so Quarkus finds the
 * producer), so time-dependent rules can be checked at chosen instants. Reset it after each test that sets it.
 */
public class TestClock {
    public static final SettableClock CLOCK = new SettableClock();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
