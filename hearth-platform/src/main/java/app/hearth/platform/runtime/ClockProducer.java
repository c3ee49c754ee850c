package app.hearth.platform.runtime;

import io.quarkus.arc.DefaultBean;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The clock services read "now" from, so tests of time-dependent rules can set it (periods, cool-downs, DST). It ticks
 * in microseconds, PostgreSQL's precision: an instant answered when written reads back the same.
 */
@ApplicationScoped
public class ClockProducer {
    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    /**
     * End-to-end tests only: a file holding an ISO-8601 duration (e.g. {@code P14D}) added to the system clock, so a
     * packaged service run by another module's tests can live "two weeks later". Never set in production.
     */
    @ConfigMapping(prefix = "hearth.clock")
    public interface Config {
        Optional<String> offsetFile();
    }

    @Inject
    Config config;

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        Optional<String> offsetFile = config.offsetFile();
        if (offsetFile.isPresent()) {
            LOG.warnf(
                    "The clock is shifted by the duration in %s (hearth.clock.offset-file): a test setting only",
                    offsetFile.get());
            return new OffsetFileClock(Path.of(offsetFile.get()));
        }
        return Clock.tick(Clock.systemUTC(), MICROSECOND);
    }

    private static final Duration MICROSECOND = Duration.ofNanos(1_000);

    /** The system clock plus the duration in a file (none while the file does not exist), re-read when it changes. */
    static final class OffsetFileClock extends Clock {
        private final Path file;
        private volatile FileTime readAt;
        private volatile Duration offset = Duration.ZERO;

        OffsetFileClock(Path file) {
            this.file = file;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.offset(Clock.system(zone), offset);
        }

        @Override
        public Instant instant() {
            try {
                FileTime modified = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
                if (modified == null) {
                    offset = Duration.ZERO;
                    readAt = null;
                } else if (!modified.equals(readAt)) {
                    offset = Duration.parse(Files.readString(file).strip());
                    readAt = modified;
                }
            } catch (IOException | RuntimeException e) {
                // a half-written file: keep the previous offset
            }
            return Instant.now().truncatedTo(ChronoUnit.MICROS).plus(offset);
        }
    }
}
