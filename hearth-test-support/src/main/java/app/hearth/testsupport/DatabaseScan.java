package app.hearth.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads a whole database as text, for erasure tests: which rows of which tables still mention someone. */
public final class DatabaseScan {

    private DatabaseScan() {}

    /** As {@link #rowsMentioning(DataSource, String)}, for a database of the test infrastructure by name. */
    public static List<String> rowsMentioning(String database, String needle) {
        return rowsMentioning(Sql.database(database), needle);
    }

    /** Every row of every table (schema {@code public}) whose text form contains {@code needle}, as "table: row". */
    public static List<String> rowsMentioning(DataSource dataSource, String needle) {
        List<String> hits = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery("select table_name from information_schema.tables where table_schema = 'public' "
                            + "and table_type = 'BASE TABLE' and table_name not like 'flyway\\_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (PreparedStatement query =
                        c.prepareStatement("select t::text from \"" + table + "\" t where strpos(t::text, ?) > 0")) {
                    query.setString(1, needle);
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            hits.add(table + ": " + rs.getString(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not scan the database: " + e.getMessage(), e);
        }
        return hits;
    }
}
