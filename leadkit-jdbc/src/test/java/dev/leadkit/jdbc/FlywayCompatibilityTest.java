package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The migration scripts shipped in the jar run unchanged under Flyway, with the table prefix as
 * a Flyway placeholder, and produce exactly the schema {@link SchemaInstaller} produces.
 */
class FlywayCompatibilityTest {
  /** The README's Flyway snippet, for any dialect and prefix. */
  static MigrateResult migrateWithFlyway(DataSource dataSource, Dialect dialect, String prefix) {
    // tag::flyway[]
    MigrateResult result = Flyway.configure().dataSource(dataSource)
        .locations(dialect.migrationLocation())    // e.g. classpath:dev/leadkit/jdbc/migration/postgresql
        .table(prefix + "flyway_history")          // leadkit's versions never mix with yours
        .placeholders(Map.of("leadkit_prefix", prefix))
        .baselineOnMigrate(true).baselineVersion("0")  // the schema already holds other tables
        .load().migrate();
    // end::flyway[]
    return result;
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void flywayAppliesEveryShippedScriptAndTheStoresWorkOnTheResult(Dialect d) throws SQLException {
    DataSource ds = TestDatabases.dataSource(d);
    String viaFlyway = newPrefix("f");
    String viaInstaller = newPrefix("i");
    try {
      MigrateResult first = migrateWithFlyway(ds, d, viaFlyway);
      assertThat(first.success).isTrue();
      assertThat(first.migrationsExecuted).isEqualTo(Migration.ALL.size());
      assertThat(first.targetSchemaVersion)
          .isEqualTo(String.valueOf(SchemaInstaller.latestVersion()));
      assertThat(migrateWithFlyway(ds, d, viaFlyway).migrationsExecuted).isZero();

      SchemaInstaller.builder(ds).dialect(d).tablePrefix(viaInstaller).build().install();
      TreeSet<String> flywayColumns = columns(ds, viaFlyway);
      assertThat(flywayColumns).isNotEmpty().isEqualTo(columns(ds, viaInstaller));

      JdbcStores stores = JdbcStores.builder(ds).dialect(d).tablePrefix(viaFlyway).build();
      Lead lead = Lead.create(LeadId.of("flyway-1"), EmailAddress.parse("flyway@example.com"),
          Attributes.empty(),
          Instant.parse("2026-05-01T00:00:00Z"));
      stores.leadStore().save(lead);
      assertThat(stores.leadStore().findByEmail(EmailAddress.parse("FLYWAY@example.com")))
          .map(Lead::id).contains(LeadId.of("flyway-1"));
    } finally {
      TestDatabases.execute(ds, "DROP TABLE IF EXISTS " + viaFlyway + "flyway_history");
      TestDatabases.drop(ds, viaFlyway);
      TestDatabases.drop(ds, viaInstaller);
    }
  }

  private static String newPrefix(String kind) {
    return kind + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
  }

  /**
   * Every column of the tables with {@code prefix} as "table.column type nullable", prefix
   * removed; the history tables (Flyway's and the installer's) are left out.
   */
  private static TreeSet<String> columns(DataSource ds, String prefix) throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    try (Connection c = ds.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      String stored = md.storesUpperCaseIdentifiers() ? prefix.toUpperCase(Locale.ROOT) : prefix;
      String pattern = stored.replace("_", md.getSearchStringEscape() + "_") + "%";
      try (ResultSet rs = md.getColumns(c.getCatalog(), c.getSchema(), pattern, null)) {
        while (rs.next()) {
          String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
          if (!table.startsWith(prefix)) {
            continue;
          }
          String name = table.substring(prefix.length());
          if (name.equals("flyway_history") || name.equals("schema_history")) {
            continue;
          }
          out.add(name + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " "
              + rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT) + " "
              + rs.getString("IS_NULLABLE"));
        }
      }
    }
    return out;
  }
}
