package app.hearth.testsupport;

import app.hearth.platform.privacy.PersonalData;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Checks a service's schema against its {@link PersonalData} parts: every column whose name says it names a person
 * is declared by one of them (so an erasure reaches it), and every declared column exists. Run by each service's
 * {@code PersonalDataCoverageTest}, before any end-to-end erasure probe would notice a new table late.
 */
public final class PersonalDataCoverage {
    /** Column names that name a person wherever they appear (the project's naming: partner_id, owner_id, *_by...). */
    static final Pattern NAMES_A_PERSON = Pattern.compile(
            "partner_id|person_id|owner_id|member_id|subject|caller|inviter_id|invitee_id|author_id|recipient_id|.+_by");

    private PersonalDataCoverage() {}

    /** What is wrong, one line each; empty when the schema and the declarations agree. */
    public static List<String> problems(DataSource database, Iterable<? extends PersonalData> parts) {
        Set<String> declared = new TreeSet<>();
        parts.forEach(part -> declared.addAll(part.personColumns()));
        Set<String> columns = new TreeSet<>();
        try (Connection c = database.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select c.table_name || '.' || c.column_name from information_schema.columns c
                        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                        where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                          and c.table_name not like 'flyway\\_%'""")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the schema: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        for (String column : columns) {
            if (NAMES_A_PERSON
                            .matcher(column.substring(column.indexOf('.') + 1))
                            .matches()
                    && !declared.contains(column)) {
                problems.add(column + " names a person, but no PersonalData of this service declares it");
            }
        }
        for (String column : declared) {
            if (!columns.contains(column)) {
                problems.add(column + " is declared by a PersonalData, but there is no such column");
            }
        }
        return problems;
    }
}
