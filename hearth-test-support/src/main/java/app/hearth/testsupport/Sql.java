package app.hearth.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Probes of a service's database, for tests that check what was (or was not) stored. */
public final class Sql {

    private Sql() {}

    /** The first column of the first row (a count, say), with {@code params} bound in order. */
    public static long number(DataSource database, String sql, Object... params) throws SQLException {
        try (Connection c = database.getConnection();
                PreparedStatement statement = prepared(c, sql, params);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs an update; the number of rows it changed. */
    public static int update(DataSource database, String sql, Object... params) throws SQLException {
        try (Connection c = database.getConnection();
                PreparedStatement statement = prepared(c, sql, params)) {
            return statement.executeUpdate();
        }
    }

    /** A database of the test cluster by name, for code outside a Quarkus app (drills, benchmarks). */
    public static DataSource database(String name) {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL(TestInfrastructure.jdbcUrl(name));
        database.setUser(TestInfrastructure.DB_USER);
        database.setPassword(TestInfrastructure.DB_PASSWORD);
        return database;
    }

    private static PreparedStatement prepared(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; params != null && i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
