package app.hearth.insights;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import javax.sql.DataSource;

/** What the insights tests ask the database directly: one number, or whether the fact consumer applied an event. */
final class FactsDatabase {

    private FactsDatabase() {}

    /** The first column of the first row of {@code sql}, bound to {@code params} in order. */
    static long number(DataSource dataSource, String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static boolean applied(DataSource dataSource, UUID eventId) throws Exception {
        return number(
                        dataSource,
                        "select count(*) from inbox_event where consumer = 'insights-facts' and event_id = ?",
                        eventId)
                == 1;
    }
}
