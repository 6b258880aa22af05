package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaInstallerTest {
  /** Every shipped schema version, oldest first. */
  private static final List<Integer> ALL =
      Migration.ALL.stream().map(Migration::version).toList();

  private static String newPrefix() {
    return "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
  }

  private static SchemaInstaller installer(DataSource ds, Dialect d, String prefix) {
    return SchemaInstaller.builder(ds).dialect(d).tablePrefix(prefix).build();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aSecondInstallFindsNothingToDoAndTheTablesWork(Dialect d) {
    DataSource ds = TestDatabases.dataSource(d);
    String prefix = newPrefix();
    try {
      assertThat(installer(ds, d, prefix).pendingVersions()).containsExactlyElementsOf(ALL);
      assertThat(installer(ds, d, prefix).install().applied()).containsExactlyElementsOf(ALL);
      SchemaInstallReport again = installer(ds, d, prefix).install();

      assertThat(again.applied()).isEmpty();
      assertThat(again.currentVersion()).isEqualTo(SchemaInstaller.latestVersion());
      assertThat(installer(ds, d, prefix).pendingVersions()).isEmpty();
      JdbcStores stores = JdbcStores.builder(ds).tablePrefix(prefix).build();
      assertThat(stores.dialect()).isEqualTo(d);
      assertThat(stores.leadStore().count()).isZero();
      assertThat(stores.touchpointLog().count()).isZero();
      assertThat(stores.outbox().countByStatus()).hasSize(5);
    } finally {
      TestDatabases.drop(ds, prefix);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aScriptChangedAfterItWasAppliedIsRefused(Dialect d) {
    DataSource ds = TestDatabases.dataSource(d);
    String prefix = newPrefix();
    try {
      installer(ds, d, prefix).install();
      TestDatabases.execute(ds, "UPDATE " + prefix + "schema_history SET checksum = 'beef' "
          + "WHERE version = 1");

      assertThatThrownBy(() -> installer(ds, d, prefix).install())
          .isInstanceOf(SchemaValidationException.class).hasMessageContaining("beef")
          .hasMessageContaining("V1__core.sql");
      assertThatThrownBy(() -> installer(ds, d, prefix).pendingVersions())
          .isInstanceOf(SchemaValidationException.class);
    } finally {
      TestDatabases.drop(ds, prefix);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aSchemaFromANewerLeadkitIsRefused(Dialect d) {
    DataSource ds = TestDatabases.dataSource(d);
    String prefix = newPrefix();
    try {
      installer(ds, d, prefix).install();
      TestDatabases.execute(ds, "INSERT INTO " + prefix + "schema_history (version, description,"
          + " checksum, installed_at) SELECT 99, 'future', 'x', installed_at FROM " + prefix
          + "schema_history WHERE version = 1");

      assertThatThrownBy(() -> installer(ds, d, prefix).install())
          .isInstanceOf(SchemaValidationException.class).hasMessageContaining("version 99");
    } finally {
      TestDatabases.drop(ds, prefix);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void nodesStartingTogetherInstallTheSchemaOnce(Dialect d) throws Exception {
    DataSource ds = TestDatabases.dataSource(d);
    String prefix = newPrefix();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Callable<SchemaInstallReport>> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        runs.add(() -> installer(ds, d, prefix).install());
      }
      List<Integer> applied = new ArrayList<>();
      for (Future<SchemaInstallReport> f : pool.invokeAll(runs, 60, TimeUnit.SECONDS)) {
        applied.addAll(f.get().applied());
      }
      assertThat(applied).containsExactlyElementsOf(ALL);
    } finally {
      pool.shutdownNow();
      TestDatabases.drop(ds, prefix);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void theDialectIsDetectedFromTheDatabase(Dialect d) {
    assertThat(Dialect.detect(TestDatabases.dataSource(d))).isEqualTo(d);
  }

  @Test
  void everyShippedScriptIsKnownToTheInstallerAndUsesOnlyThePrefixPlaceholder() {
    for (Dialect d : Dialect.values()) {
      URL dir = getClass().getClassLoader().getResource(Dialect.MIGRATION_ROOT + d.directory());
      assertThat(dir).as("scripts of %s", d).isNotNull();
      String[] files = new File(dir.getPath()).list();
      assertThat(Arrays.asList(files)).as("scripts of %s", d).containsExactlyInAnyOrderElementsOf(
          Migration.ALL.stream().map(Migration::fileName).toList());
      for (Migration m : Migration.ALL) {
        assertThat(m.text(d).replace(Migration.PREFIX_PLACEHOLDER, ""))
            .as("%s %s", d, m.fileName()).doesNotContain("${");
        assertThat(m.statements(d, "x_")).allSatisfy(sql -> assertThat(sql)
            .doesNotContain("leadkit_prefix").doesNotStartWith("--"));
      }
    }
  }

  @Test
  void aBadPrefixOrAnOptionSetTwiceIsRefusedNamingTheValue() {
    DataSource ds = TestDatabases.dataSource(Dialect.H2);
    assertThatThrownBy(() -> JdbcStores.builder(ds).tablePrefix("Leads-"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("\"Leads-\"");
    assertThatThrownBy(() -> JdbcStores.builder(ds).tablePrefix("a_").tablePrefix("b_"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("a_");
    assertThatThrownBy(() -> SchemaInstaller.builder(ds).dialect(Dialect.H2)
        .dialect(Dialect.MARIADB)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("H2");
    assertThatThrownBy(() -> JdbcStores.builder(ds).copyThreshold(0))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("0");
  }

  @Test
  void mysqlIsNotMistakenForMariaDb() {
    assertThat(Dialect.fromProductName("MariaDB", "10.11.19-MariaDB")).isEqualTo(Dialect.MARIADB);
    assertThat(Dialect.fromProductName("MySQL", "5.5.5-10.6.12-MariaDB"))
        .isEqualTo(Dialect.MARIADB);
    assertThatThrownBy(() -> Dialect.fromProductName("MySQL", "8.0.36"))
        .isInstanceOf(JdbcException.class).hasMessageContaining("MySQL 8.0.36");
  }
}
