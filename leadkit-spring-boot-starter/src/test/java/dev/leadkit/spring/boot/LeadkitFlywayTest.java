package dev.leadkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.jdbc.SchemaInstaller;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LeadkitFlywayTest {
  private static ApplicationContextRunner withFlyway() {
    return TestSupport.runner()
        .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(Mailer.class, () -> (message, recipient) -> "x");
  }

  @Test
  void theApplicationsFlywayRunsLeadkitsMigrationsInOneHistory() {
    withFlyway()
        .withPropertyValues("spring.flyway.locations=classpath:db/app",
            "leadkit.table-prefix=crm_")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed();
          DataSource ds = ctx.getBean(DataSource.class);
          List<String> versions = new ArrayList<>();
          for (int v : SchemaInstaller.versions()) {
            versions.add(String.valueOf(v));
          }
          versions.add("100");
          assertThat(column(ds, "SELECT \"version\" FROM \"flyway_schema_history\""
              + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")).containsExactlyElementsOf(versions);
          assertThat(column(ds, "SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES"
              + " WHERE TABLE_SCHEMA = 'PUBLIC'"))
              .contains("orders", "crm_leads", "crm_outbox", "crm_touchpoints")
              .doesNotContain("lk_leads");
          // and the engine works on the migrated tables
          LeadKit kit = ctx.getBean(LeadKit.class);
          var lead = TestSupport.subscribedLead(kit, "taro@example.jp");
          kit.track(TestSupport.view(kit, lead.id(), "v1", "/"));
          assertThat(kit.touchpointLog().count()).isEqualTo(1);
        });
  }

  @Test
  void springBootsDefaultLocationHoldsOnlyTheApplicationsScripts() {
    // classpath:db/migration is scanned recursively; leadkit's scripts live elsewhere
    withFlyway()
        .run(ctx -> {
          assertThat(ctx).hasNotFailed();
          DataSource ds = ctx.getBean(DataSource.class);
          assertThat(column(ds, "SELECT \"version\" FROM \"flyway_schema_history\""
              + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\""))
              .hasSize(SchemaInstaller.versions().size() + 1).endsWith("100");
          assertThat(column(ds, "SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES"
              + " WHERE TABLE_SCHEMA = 'PUBLIC'")).contains("lk_app_orders", "lk_leads");
        });
  }

  @Test
  void anApplicationVersionEqualToOneOfLeadkitsFailsStartUp() {
    withFlyway()
        .withPropertyValues("spring.flyway.locations=classpath:db/clash")
        .run(ctx -> assertThat(ctx.getStartupFailure()).rootCause()
            .hasMessageContaining("more than one migration with version 1"));
  }

  @Test
  void withItsOwnHistoryTableLeadkitsVersionsNeverMeetTheApplications() {
    withFlyway()
        .withPropertyValues("spring.flyway.locations=classpath:db/clash",
            "leadkit.flyway.history-table=lk_flyway_history")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed();
          DataSource ds = ctx.getBean(DataSource.class);
          assertThat(column(ds, "SELECT \"version\" FROM \"flyway_schema_history\""
              + " WHERE \"success\" AND \"version\" IS NOT NULL")).containsExactly("1");
          assertThat(column(ds, "SELECT \"version\" FROM \"lk_flyway_history\""
              + " WHERE \"success\" AND \"version\" IS NOT NULL AND \"version\" <> '0' ORDER BY \"installed_rank\""))
              .hasSize(SchemaInstaller.versions().size()).startsWith("1", "2");
          LeadKit kit = ctx.getBean(LeadKit.class);
          var lead = TestSupport.subscribedLead(kit, "taro@example.jp");
          assertThat(kit.leadStore().count()).isEqualTo(1);
          assertThat(lead.id()).isNotNull();
        });
  }

  @Test
  void theSchemaInstallerReplacesFlywayWhenAskedFor() {
    withFlyway()
        .withPropertyValues("spring.flyway.locations=classpath:db/app",
            "leadkit.schema.install=true")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed().doesNotHaveBean("leadkitFlywayConfigurationCustomizer");
          DataSource ds = ctx.getBean(DataSource.class);
          assertThat(column(ds, "SELECT \"version\" FROM \"flyway_schema_history\""
              + " WHERE \"success\" AND \"version\" IS NOT NULL")).containsExactly("100");
          assertThat(column(ds, "SELECT COUNT(*) FROM lk_schema_history"))
              .containsExactly(String.valueOf(SchemaInstaller.versions().size()));
        });
  }

  static List<String> column(DataSource ds, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
