package app.hearth.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock tests can set. A service's tests produce it as the application's {@link Clock} bean; {@link #reset()}
 * returns it to real time.
 */
public class SettableClock extends Clock {
    private volatile Instant fixed;

    /** From now on the clock says {@code instant} (to the microsecond, as the services' clock ticks). */
    public void set(Instant instant) {
        fixed = instant.truncatedTo(ChronoUnit.MICROS);
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
