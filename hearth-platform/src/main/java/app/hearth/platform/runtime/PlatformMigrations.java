package app.hearth.platform.runtime;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** hearth-platform's tables (outbox, inbox, erasure ledger): first in line. */
public class PlatformMigrations {
    public static final SharedMigrations.Module MODULE =
            new SharedMigrations.Module("hearth-platform", 1, "db/platform", "flyway_history_platform");

    @Produces
    @Singleton
    SharedMigrations.Module platform() {
        return MODULE;
    }
}
