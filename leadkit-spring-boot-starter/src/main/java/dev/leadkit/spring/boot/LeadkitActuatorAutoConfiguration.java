package dev.leadkit.spring.boot;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.LeadKitPlugin;
import dev.leadkit.spring.actuate.LeadkitEndpoint;
import dev.leadkit.spring.actuate.LeadkitHealthIndicator;
import dev.leadkit.spring.scheduling.LeadkitScheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Spring Boot Actuator on the classpath: the {@code leadkit} health indicator
 * ({@code management.health.leadkit.enabled}) and the {@code leadkit} endpoint (exposed like any
 * other, e.g. {@code management.endpoints.web.exposure.include=health,leadkit}).
 */
@AutoConfiguration(after = LeadkitAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.boot.actuate.health.HealthIndicator",
    "org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator"})
@ConditionalOnBean(LeadKit.class)
public class LeadkitActuatorAutoConfiguration {
  /** Used by Spring. */
  public LeadkitActuatorAutoConfiguration() {}

  /** The {@code leadkit} health indicator. */
  @Bean
  @ConditionalOnMissingBean(name = "leadkitHealthIndicator")
  @ConditionalOnEnabledHealthIndicator("leadkit")
  public LeadkitHealthIndicator leadkitHealthIndicator(LeadKit kit,
      LeadkitProperties properties) {
    return new LeadkitHealthIndicator(kit, properties.getHealth().getStuckAfter());
  }

  /** The {@code leadkit} endpoint. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint(endpoint = LeadkitEndpoint.class)
  public LeadkitEndpoint leadkitEndpoint(LeadKit kit, LeadkitProperties properties,
      ObjectProvider<LeadkitScheduler> scheduler, ObjectProvider<LeadKitPlugin> plugins) {
    return new LeadkitEndpoint(kit, properties.getHealth().getStuckAfter(),
        scheduler.getIfUnique(), plugins.orderedStream().map(LeadKitPlugin::name).toList());
  }
}
