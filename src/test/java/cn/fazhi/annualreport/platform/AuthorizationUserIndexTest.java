package cn.fazhi.annualreport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's authorization table has the application's index on its user column once the application runs (H2 and
 * PostgreSQL): what the grants' join of every authorization-checked query needs (the benchmark measures the effect).
 */
@AnnualReportTest
class AuthorizationUserIndexTest {

    @Autowired
    DataSource dataSource;

    @Test
    void theAuthorizationTableIsIndexedByUser() throws Exception {
        // Given the application started on its database (the engine created its schema)
        List<String> userColumnIndexes = new ArrayList<>();

        // When the database is asked for the indexes of ACT_RU_AUTHORIZATION
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String table = meta.storesLowerCaseIdentifiers() ? "act_ru_authorization" : "ACT_RU_AUTHORIZATION";
            try (ResultSet indexes = meta.getIndexInfo(null, null, table, false, false)) {
                while (indexes.next()) {
                    String column = indexes.getString("COLUMN_NAME");
                    if (column != null && column.equalsIgnoreCase("USER_ID_") && indexes.getShort("ORDINAL_POSITION") == 1) {
                        userColumnIndexes.add(indexes.getString("INDEX_NAME").toUpperCase(Locale.ROOT));
                    }
                }
            }
        }

        // Then one index starts with USER_ID_: the application's
        assertThat(userColumnIndexes).containsExactly(AuthorizationUserIndex.NAME);
    }
}
