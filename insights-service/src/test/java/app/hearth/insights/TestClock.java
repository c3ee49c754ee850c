package app.hearth.insights;

import app.hearth.testsupport.SettableClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Replaces the platform's default clock in tests, so insights can be computed "weeks later". */
public class TestClock {
    public static final SettableClock CLOCK = new SettableClock();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
