package dev.leadkit.spring.boot;

import dev.leadkit.core.DueReport;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.DecisionObserver;
import dev.leadkit.spring.metrics.LeadkitDecisionMetrics;
import dev.leadkit.spring.metrics.LeadkitInputObservations;
import dev.leadkit.spring.metrics.LeadkitMetrics;
import dev.leadkit.spring.scheduling.DueRunInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * With Micrometer: {@link LeadkitMetrics} bound to the application's {@link MeterRegistry}, and
 * it times the scheduler's runs; with Micrometer's observation API and an
 * {@link ObservationRegistry} bean, each scheduled run is also the observation
 * {@code leadkit.run-due}.
 */
@AutoConfiguration(after = LeadkitAutoConfiguration.class, afterName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"})
@ConditionalOnBean(LeadKit.class)
public class LeadkitMetricsAutoConfiguration {
  /** Used by Spring. */
  public LeadkitMetricsAutoConfiguration() {}

  /** Meters. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  @ConditionalOnBean(MeterRegistry.class)
  static class Meters {
    /**
     * leadkit's meters; Spring Boot binds every {@code MeterBinder} bean to the registry, and the
     * scheduler runs through it (outermost, so the timer includes an observation).
     */
    @Bean
    @ConditionalOnMissingBean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    LeadkitMetrics leadkitMetrics(LeadKit kit) {
      return new LeadkitMetrics(kit);
    }
  }

  /**
   * The decision pipeline's meters: a {@link DecisionObserver} bean, which the
   * engine bean takes when it is built. Not conditional on the engine bean (that one needs them
   * first), but on what the engine bean needs.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  @ConditionalOnBean(MeterRegistry.class)
  static class Decisions {
    @Bean
    @ConditionalOnMissingBean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    LeadkitDecisionMetrics leadkitDecisionMetrics(MeterRegistry registry) {
      return new LeadkitDecisionMetrics(registry);
    }

  }

  /** Observations. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ObservationRegistry.class)
  @ConditionalOnBean(ObservationRegistry.class)
  static class Observations {
    /** One observation per input decided, for tracing; the engine bean takes it. */
    @Bean
    @ConditionalOnMissingBean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    LeadkitInputObservations leadkitInputObservations(ObservationRegistry registry) {
      return new LeadkitInputObservations(registry);
    }

    @Bean
    @ConditionalOnMissingBean(name = "leadkitRunDueObservation")
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    DueRunInterceptor leadkitRunDueObservation(ObservationRegistry registry) {
      return runDue -> {
        Observation o = Observation.createNotStarted("leadkit.run-due", registry)
            .contextualName("leadkit runDue");
        DueReport report = o.observe(runDue);
        return report;
      };
    }
  }
}
