package dev.leadkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.jdbc.SchemaInstaller;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code leadkit.flyway.history-table} on PostgreSQL: leadkit's migrations run in a Flyway of
 * their own, from a callback of the application's Flyway, with their own history table.
 */
class LeadkitFlywayOwnHistoryOnPostgresTest {
  @Test
  void leadkitsMigrationsKeepTheirOwnHistoryBesideTheApplications() throws Exception {
    String prefix = "lkbooth" + UUID.randomUUID().toString().substring(0, 8)
        .toLowerCase(Locale.ROOT) + "_";
    DataSource ds = new DriverManagerDataSource(LeadkitOnPostgresTest.URL);
    try {
      TestSupport.runner()
          .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
          .withBean(DataSource.class, () -> ds)
          .withBean(Mailer.class, () -> (message, recipient) -> "x")
          .withPropertyValues("leadkit.table-prefix=" + prefix,
              "leadkit.flyway.history-table=" + prefix + "leadkit_history",
              "spring.flyway.table=" + prefix + "app_history",
              // the test application's own script (V100) borrows the placeholder
              "spring.flyway.placeholders.leadkit_prefix=" + prefix,
              "spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=0")
          .run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(LeadkitFlywayTest.column(ds, "SELECT version FROM " + prefix
                + "app_history WHERE success AND version <> '0'")).containsExactly("100");
            assertThat(LeadkitFlywayTest.column(ds, "SELECT count(*) FROM " + prefix
                + "leadkit_history WHERE success AND version <> '0'"))
                .containsExactly(String.valueOf(SchemaInstaller.versions().size()));
            LeadKit kit = ctx.getBean(LeadKit.class);
            TestSupport.subscribedLead(kit, "taro@example.jp");
            assertThat(kit.leadStore().count()).isEqualTo(1);
          });
    } finally {
      try (Connection c = DriverManager.getConnection(LeadkitOnPostgresTest.URL);
          Statement s = c.createStatement()) {
        List<String> tables = LeadkitFlywayTest.column(ds, "SELECT table_name FROM"
            + " information_schema.tables WHERE table_schema = current_schema()"
            + " AND table_name LIKE '" + prefix + "%'");
        for (String t : tables) {
          s.execute("DROP TABLE IF EXISTS \"" + t + "\" CASCADE");
        }
      }
    }
  }
}
