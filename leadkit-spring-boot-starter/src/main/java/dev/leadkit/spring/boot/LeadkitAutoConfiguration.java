package dev.leadkit.spring.boot;

import dev.leadkit.core.DecisionObserver;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.LeadKitPlugin;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.core.port.Stores;
import dev.leadkit.jdbc.JdbcStores;
import dev.leadkit.jdbc.LeadCache;
import dev.leadkit.spring.scheduling.DueRunInterceptor;
import dev.leadkit.spring.scheduling.LeadkitScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * Builds a leadkit engine on the application's {@link DataSource}: a {@link JdbcStores} bean
 * (table prefix and lead cache from {@link LeadkitProperties}), and a {@link LeadKit} bean on
 * those stores with the application's {@link Clock} bean (else the system clock in UTC), its
 * {@link Mailer} bean, and every {@link LeadKitPlugin} bean installed in {@code @Order} order.
 * Each bean backs off when the application defines its own.
 *
 * <p>Without a {@code Mailer} bean start-up fails with {@link MailerMissingException}, unless
 * {@code leadkit.mail.recording-only=true}, which records messages in a {@link RecordingMailer}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass({LeadKit.class, JdbcStores.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(LeadkitProperties.class)
public class LeadkitAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(LeadkitAutoConfiguration.class);

  /** Used by Spring. */
  public LeadkitAutoConfiguration() {}

  /**
   * leadkit's stores on the application's data source. With {@code leadkit.schema.install=true}
   * the schema installer creates or upgrades leadkit's tables first.
   */
  @Bean
  @ConditionalOnMissingBean(Stores.class)
  @DependsOnDatabaseInitialization
  public JdbcStores leadkitStores(DataSource dataSource, LeadkitProperties properties) {
    LeadkitProperties.LeadCacheSettings cache = properties.getLeadCache();
    Duration ttl = cache.getTtl();
    JdbcStores.Builder b = JdbcStores.builder(dataSource)
        .tablePrefix(properties.getTablePrefix())
        .leadCache(cache.getMaximumSize() == 0 ? LeadCache.disabled()
            : ttl == null ? LeadCache.unexpiring(cache.getMaximumSize())
            : LeadCache.of(cache.getMaximumSize(), ttl));
    if (properties.getSchema().isInstall()) {
      b.installSchema();
    }
    return b.build();
  }

  /** The engine. */
  @Bean
  @ConditionalOnMissingBean
  public LeadKit leadKit(Stores stores, LeadkitProperties properties,
      ObjectProvider<Clock> clock, ObjectProvider<Mailer> mailer,
      ObjectProvider<LeadKitPlugin> plugins, ObjectProvider<DecisionObserver> observers) {
    LeadKit.Builder b = LeadKit.builder()
        .clock(clock.getIfUnique(Clock::systemUTC))
        .stores(stores);
    List<DecisionObserver> watching = observers.orderedStream().toList();
    if (!watching.isEmpty()) {
      b.observer(DecisionObserver.all(watching));
    }
    Mailer m = mailer.getIfUnique();
    if (properties.getMail().isRecordingOnly()) {
      if (m != null) {
        LOG.warn("leadkit.mail.recording-only=true: messages are recorded, the Mailer bean {}"
            + " is not used", m);
      }
      b.mailer(new RecordingMailer());
    } else if (m != null) {
      b.mailer(m);
    } else if (stores.durable()) {
      throw new MailerMissingException();
    }
    List<LeadKitPlugin> ordered = plugins.orderedStream().toList();
    ordered.forEach(b::install);
    LeadKit kit = b.build();
    LOG.info("leadkit engine on {} with plugins {}", stores,
        ordered.stream().map(LeadKitPlugin::name).toList());
    return kit;
  }

  /**
   * Calls {@link LeadKit#runDue()} every {@code leadkit.scheduling.run-due-interval} on a thread
   * of its own; off with {@code leadkit.scheduling.enabled=false}.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "leadkit.scheduling", name = "enabled", matchIfMissing = true)
  public LeadkitScheduler leadkitScheduler(LeadKit kit, LeadkitProperties properties,
      ObjectProvider<DueRunInterceptor> interceptors) {
    LeadkitProperties.Scheduling s = properties.getScheduling();
    return new LeadkitScheduler(kit, s.getRunDueInterval(), s.getInitialDelay(),
        interceptors.orderedStream().toList());
  }
}
