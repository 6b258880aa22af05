package dev.leadkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.DueReport;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.jdbc.JdbcStores;
import dev.leadkit.spring.scheduling.LeadkitScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole starter in one Spring Boot application on PostgreSQL: the application's Flyway runs
 * leadkit's migrations, the engine tracks and runs due work, and the health endpoint reports.
 * Runs on {@link TestPostgres} (the environment's URL, the local server, or an embedded one),
 * with a table prefix of its own that is dropped afterwards.
 */
@SpringBootTest(classes = LeadkitOnPostgresTest.App.class)
class LeadkitOnPostgresTest {
  static final String URL = TestPostgres.url();
  static final String PREFIX = "lkboot" + UUID.randomUUID().toString().substring(0, 8)
      .toLowerCase(Locale.ROOT) + "_";

  @EnableAutoConfiguration
  @Import(ScenarioConfig.class)
  static class App {}

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL);
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
    registry.add("spring.flyway.table", () -> PREFIX + "flyway_history");
    // the test database holds other tables: start the history at 0 so every script runs
    registry.add("spring.flyway.baseline-on-migrate", () -> "true");
    registry.add("spring.flyway.baseline-version", () -> "0");
    registry.add("leadkit.table-prefix", () -> PREFIX);
    registry.add("leadkit.scheduling.initial-delay", () -> "1h");
    registry.add("management.endpoint.health.show-details", () -> "always");
  }

  @Autowired LeadKit kit;
  @Autowired JdbcStores stores;
  @Autowired LeadkitScheduler scheduler;
  @Autowired HealthEndpoint health;
  @Autowired MeterRegistry meters;
  @Autowired ManualClock clock;

  @Test
  void tracksRunsDueWorkAndReportsHealth() {
    assertThat(stores.tablePrefix()).isEqualTo(PREFIX);
    assertThat(stores.dialect().displayName()).isEqualTo("PostgreSQL");

    Lead lead = TestSupport.subscribedLead(kit, "taro@example.jp");
    kit.track(TestSupport.view(kit, lead.id(), "pg-1", "/pricing"));
    kit.track(TestSupport.view(kit, lead.id(), "pg-2", "/pricing"));
    DueReport report = scheduler.runOnce().orElseThrow();
    assertThat(report.dispatch().sent()).isEqualTo(1);
    clock.advance(Duration.ofDays(31));
    assertThat(scheduler.runOnce().orElseThrow().processed()).containsEntry("segments", 1);

    assertThat(kit.outbox().countByStatus()).containsEntry(OutboxStatus.SENT, 1L);
    HealthComponent leadkit = health.healthForPath("leadkit");
    assertThat(leadkit.getStatus()).isEqualTo(Status.UP);
    assertThat(((org.springframework.boot.actuate.health.Health) leadkit).getDetails())
        .containsEntry("leads", 1L).containsEntry("outbox.undelivered", 0L)
        .containsEntry("outbox.dead", 0L).containsEntry("journeys.stuck", 0);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    // two page views, the journey's email_sent and journey_exited
    assertThat(meters.get("leadkit.touchpoints.tracked").counter().count()).isEqualTo(4);
    assertThat(meters.get("leadkit.handoffs").tag("model", "engagement").counter().count())
        .isEqualTo(1);
    assertThat(meters.get("leadkit.outbox.sent").counter().count()).isEqualTo(1);
    assertThat(meters.get("leadkit.due.runs").tag("outcome", "success").counter().count())
        .isEqualTo(2);
  }

  @AfterAll
  static void dropTables() throws Exception {
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
          + " WHERE table_schema = current_schema() AND table_name LIKE '" + PREFIX + "%'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables).contains(PREFIX + "leads", PREFIX + "app_orders",
          PREFIX + "flyway_history");
      for (String t : tables) {
        s.execute("DROP TABLE IF EXISTS \"" + t + "\" CASCADE");
      }
    }
  }

}
