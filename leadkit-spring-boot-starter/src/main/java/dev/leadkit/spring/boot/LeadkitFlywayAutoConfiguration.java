package dev.leadkit.spring.boot;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * When Flyway is on the classpath and enabled ({@code spring.flyway.enabled}, the default), the
 * application's Flyway also runs leadkit's migrations, in the same schema history (see
 * {@link LeadkitFlywayConfigurationCustomizer}). Off when {@code leadkit.schema.install=true},
 * where leadkit's own installer creates the tables instead.
 */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
@ConditionalOnClass({Flyway.class, FlywayConfigurationCustomizer.class})
@ConditionalOnProperty(prefix = "spring.flyway", name = "enabled", matchIfMissing = true)
@ConditionalOnProperty(prefix = "leadkit.schema", name = "install", havingValue = "false",
    matchIfMissing = true)
@EnableConfigurationProperties(LeadkitProperties.class)
public class LeadkitFlywayAutoConfiguration {
  /** Used by Spring. */
  public LeadkitFlywayAutoConfiguration() {}

  /** Adds leadkit's location and the table-prefix placeholder to the application's Flyway. */
  @Bean
  @ConditionalOnMissingBean(name = "leadkitFlywayConfigurationCustomizer")
  public FlywayConfigurationCustomizer leadkitFlywayConfigurationCustomizer(
      LeadkitProperties properties) {
    return new LeadkitFlywayConfigurationCustomizer(properties.getTablePrefix(),
        properties.getFlyway().getHistoryTable());
  }
}
