package app.hearth.membership;

import app.hearth.platform.runtime.SharedMigrations;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The membership view's tables, after hearth-platform's and before the service's own (which reference them). */
public class MembershipMigrations {
    public static final SharedMigrations.Module MODULE =
            new SharedMigrations.Module("hearth-membership", 2, "db/membership", "flyway_history_membership");

    @Produces
    @Singleton
    SharedMigrations.Module membership() {
        return MODULE;
    }
}
