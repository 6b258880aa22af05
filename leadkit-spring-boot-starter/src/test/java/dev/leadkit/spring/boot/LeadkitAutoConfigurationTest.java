package dev.leadkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.Hooks;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.LeadKitPlugin;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.jdbc.JdbcStores;
import dev.leadkit.journey.Journeys;
import dev.leadkit.spring.actuate.LeadkitHealthIndicator;
import dev.leadkit.spring.metrics.LeadkitMetrics;
import dev.leadkit.spring.scheduling.LeadkitScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.annotation.Order;

class LeadkitAutoConfigurationTest {
  static final Mailer MAILER = (message, recipient) -> "sent-" + message.key().value();

  @Test
  void withoutADataSourceThereIsNoEngine() {
    TestSupport.runner().run(ctx -> {
      assertThat(ctx).hasNotFailed();
      assertThat(ctx).doesNotHaveBean(LeadKit.class);
      assertThat(ctx).doesNotHaveBean(JdbcStores.class);
      assertThat(ctx).doesNotHaveBean(LeadkitScheduler.class);
    });
  }

  @Test
  void aDataSourceAndAMailerGiveAnEngineOnTheJdbcStores() {
    List<LeadkitScheduler> scheduler = new ArrayList<>();
    TestSupport.runner()
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(Mailer.class, () -> MAILER)
        .withPropertyValues("leadkit.schema.install=true")
        .run(ctx -> {
          assertThat(ctx).hasSingleBean(LeadKit.class).hasSingleBean(JdbcStores.class);
          LeadKit kit = ctx.getBean(LeadKit.class);
          JdbcStores stores = ctx.getBean(JdbcStores.class);
          assertThat(kit.stores()).isSameAs(stores);
          assertThat(stores.durable()).isTrue();
          assertThat(stores.tablePrefix()).isEqualTo("lk_");
          assertThat(kit.mailer()).isSameAs(MAILER);
          assertThat(kit.clock().getZone()).isEqualTo(Clock.systemUTC().getZone());
          // the schema was installed: the engine works end to end on the database
          var lead = TestSupport.subscribedLead(kit, "taro@example.jp");
          kit.track(TestSupport.view(kit, lead.id(), "v1", "/pricing"));
          assertThat(stores.touchpointLog().count()).isEqualTo(1);
          scheduler.add(ctx.getBean(LeadkitScheduler.class));
          assertThat(scheduler.get(0).isRunning()).isTrue();
        });
    // closing the context stopped the scheduler's thread
    assertThat(scheduler.get(0).isRunning()).isFalse();
  }

  @Test
  void theApplicationsClockIsUsed() {
    ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");
    TestSupport.runner()
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(Mailer.class, () -> MAILER)
        .withBean(Clock.class, () -> clock)
        .run(ctx -> assertThat(ctx.getBean(LeadKit.class).clock()).isSameAs(clock));
  }

  @Test
  void withoutAMailerStartUpFailsAndSaysWhatToDo() {
    TestSupport.runner()
        .withBean(DataSource.class, TestSupport::h2)
        .run(ctx -> {
          assertThat(ctx).hasFailed();
          Throwable root = ctx.getStartupFailure();
          while (root.getCause() != null) {
            root = root.getCause();
          }
          assertThat(root).isInstanceOf(MailerMissingException.class)
              .hasMessageContaining("Mailer")
              .hasMessageContaining("leadkit.mail.recording-only=true");
          FailureAnalysis analysis = new MailerMissingFailureAnalyzer()
              .analyze(ctx.getStartupFailure());
          assertThat(analysis).isNotNull();
          assertThat(analysis.getAction()).contains("leadkit.mail.recording-only=true");
        });
  }

  @Test
  void recordingOnlyRecordsInsteadOfSending() {
    TestSupport.runner()
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(Mailer.class, () -> MAILER)
        .withPropertyValues("leadkit.mail.recording-only=true", "leadkit.schema.install=true")
        .run(ctx -> {
          LeadKit kit = ctx.getBean(LeadKit.class);
          assertThat(kit.mailer()).isInstanceOf(RecordingMailer.class);
          assertThat(kit.dispatch().claimed()).isZero();
        });
  }

  @Test
  void theApplicationsOwnBeansWin() {
    LeadKit own = LeadKit.builder().build();
    TestSupport.runner()
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(LeadKit.class, () -> own)
        .run(ctx -> {
          assertThat(ctx).hasNotFailed();
          assertThat(ctx.getBean(LeadKit.class)).isSameAs(own);
        });
    Stores memory = dev.leadkit.core.memory.InMemory.stores();
    TestSupport.runner()
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(Stores.class, () -> memory)
        .run(ctx -> {
          assertThat(ctx).doesNotHaveBean(JdbcStores.class);
          // in-memory stores are not durable: no mailer is required
          assertThat(ctx.getBean(LeadKit.class).stores()).isSameAs(memory);
        });
  }

  @Test
  void pluginBeansAreInstalledInOrder() {
    List<String> installed = new ArrayList<>();
    TestSupport.runner()
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(Mailer.class, () -> MAILER)
        .withPropertyValues("leadkit.schema.install=true")
        .withBean(Installed.class, () -> new Installed(installed))
        .withUserConfiguration(Plugins.class)
        .run(ctx -> {
          LeadKit kit = ctx.getBean(LeadKit.class);
          assertThat(installed).containsExactly("first", "second");
          assertThat(kit.plugin(Journeys.class)).containsSame(ctx.getBean(Journeys.class));
        });
  }

  @Test
  void propertiesAreBound() {
    TestSupport.runner()
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(Mailer.class, () -> MAILER)
        .withPropertyValues("leadkit.table-prefix=crm_lk_", "leadkit.schema.install=true",
            "leadkit.scheduling.run-due-interval=30s", "leadkit.lead-cache.maximum-size=0",
            "leadkit.lead-cache.ttl=5s", "leadkit.health.stuck-after=15m")
        .run(ctx -> {
          LeadkitProperties p = ctx.getBean(LeadkitProperties.class);
          assertThat(p.getTablePrefix()).isEqualTo("crm_lk_");
          assertThat(p.getSchema().isInstall()).isTrue();
          assertThat(p.getScheduling().getRunDueInterval()).isEqualTo(Duration.ofSeconds(30));
          assertThat(p.getScheduling().getInitialDelay()).isEqualTo(Duration.ofHours(1));
          assertThat(p.getLeadCache().getMaximumSize()).isZero();
          assertThat(p.getLeadCache().getTtl()).isEqualTo(Duration.ofSeconds(5));
          assertThat(p.getHealth().getStuckAfter()).isEqualTo(Duration.ofMinutes(15));
          assertThat(ctx.getBean(JdbcStores.class).tablePrefix()).isEqualTo("crm_lk_");
          assertThat(ctx.getBean(LeadkitScheduler.class).interval())
              .isEqualTo(Duration.ofSeconds(30));
        });
  }

  @Test
  void schedulingCanBeTurnedOff() {
    TestSupport.runner()
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(Mailer.class, () -> MAILER)
        .withPropertyValues("leadkit.scheduling.enabled=false")
        .run(ctx -> {
          assertThat(ctx).hasSingleBean(LeadKit.class);
          assertThat(ctx).doesNotHaveBean(LeadkitScheduler.class);
        });
  }

  @Test
  void eachOptionalPartStaysOffWithoutItsLibrary() {
    TestSupport.runner()
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(Mailer.class, () -> MAILER)
        .withBean(io.micrometer.core.instrument.MeterRegistry.class,
            io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
        .run(ctx -> assertThat(ctx).hasSingleBean(LeadkitMetrics.class)
            .hasSingleBean(LeadkitHealthIndicator.class)
            .hasBean("leadkitFlywayConfigurationCustomizer"));
    TestSupport.runner()
        .withClassLoader(new FilteredClassLoader(org.flywaydb.core.Flyway.class,
            org.springframework.boot.actuate.health.HealthIndicator.class,
            io.micrometer.core.instrument.MeterRegistry.class))
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(Mailer.class, () -> MAILER)
        .run(ctx -> assertThat(ctx).hasSingleBean(LeadKit.class)
            .doesNotHaveBean(LeadkitMetrics.class)
            .doesNotHaveBean(LeadkitHealthIndicator.class)
            .doesNotHaveBean("leadkitFlywayConfigurationCustomizer"));
  }

  @Test
  void aBadTablePrefixFailsStartUpNamingIt() {
    TestSupport.runner()
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(Mailer.class, () -> MAILER)
        .withPropertyValues("leadkit.table-prefix=Bad-Prefix")
        .run(ctx -> assertThat(ctx.getStartupFailure()).rootCause()
            .hasMessageContaining("Bad-Prefix"));
  }

  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  static class Plugins {
    @org.springframework.context.annotation.Bean
    @Order(2)
    LeadKitPlugin second(Installed installed) {
      return new Named("second", installed.names());
    }

    @org.springframework.context.annotation.Bean
    @Order(1)
    LeadKitPlugin first(Installed installed) {
      return new Named("first", installed.names());
    }

    @org.springframework.context.annotation.Bean
    @Order(3)
    Journeys journeys() {
      return Journeys.builder().build();
    }
  }

  record Installed(List<String> names) {}

  record Named(String name, List<String> installed) implements LeadKitPlugin {
    @Override
    public void install(LeadKit kit, Hooks hooks) {
      installed.add(name);
    }
  }
}
