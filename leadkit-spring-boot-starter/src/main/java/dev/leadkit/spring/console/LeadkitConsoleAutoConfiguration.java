package dev.leadkit.spring.console;

import dev.leadkit.console.LeadkitConsole;
import dev.leadkit.console.View;
import dev.leadkit.core.LeadKit;
import dev.leadkit.jdbc.JdbcStores;
import dev.leadkit.spring.boot.LeadkitAutoConfiguration;
import dev.leadkit.spring.boot.LeadkitProperties;
import jakarta.servlet.http.HttpServlet;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Mounts the read-only {@link LeadkitConsole} at {@code leadkit.console.path} (default {@code
 * /leadkit}) when {@code leadkit.console.enabled=true}, in a servlet web application that has
 * leadkit-console on its class path. The console has no login of its own: protect the path with
 * the application's security (for example a Spring Security rule for {@code /leadkit/**}).
 */
@AutoConfiguration(after = LeadkitAutoConfiguration.class)
@ConditionalOnClass({LeadkitConsole.class, HttpServlet.class, ServletRegistrationBean.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "leadkit.console", name = "enabled", havingValue = "true")
@ConditionalOnBean(LeadKit.class)
@EnableConfigurationProperties(LeadkitProperties.class)
public class LeadkitConsoleAutoConfiguration {
  /** Used by Spring. */
  public LeadkitConsoleAutoConfiguration() {}

  /**
   * The console over the application's engine; the KPI report reads the JDBC measurement source
   * when the stores are {@link JdbcStores}.
   *
   * @param kit the engine
   * @param properties leadkit's settings
   * @param stores the JDBC stores, if that is what the engine uses
   * @return the console
   */
  @Bean
  @ConditionalOnMissingBean
  public LeadkitConsole leadkitConsole(LeadKit kit, LeadkitProperties properties,
      ObjectProvider<JdbcStores> stores) {
    LeadkitProperties.Console c = properties.getConsole();
    ZoneId zone = c.getTimeZone() == null ? ZoneId.systemDefault() : c.getTimeZone();
    Locale locale = c.getLocale() == null ? Locale.getDefault() : c.getLocale();
    Currency currency = c.getCurrency();
    if (currency == null) {
      try {
        currency = Currency.getInstance(locale);
      } catch (IllegalArgumentException noCountry) {
        currency = Currency.getInstance("USD");
      }
    }
    LeadkitConsole.Builder b = LeadkitConsole.builder(kit)
        .view(new View(zone, locale, currency));
    JdbcStores jdbc = stores.getIfUnique();
    if (jdbc != null && kit.stores() == jdbc) {
      b.measurementSource(jdbc.measurementSource());
    }
    return b.build();
  }

  /**
   * The servlet serving the console under {@code leadkit.console.path}.
   *
   * @param console the console
   * @param properties leadkit's settings
   * @return the registration
   */
  @Bean
  public ServletRegistrationBean<HttpServlet> leadkitConsoleServlet(LeadkitConsole console,
      LeadkitProperties properties) {
    String path = properties.getConsole().getPath();
    String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    ServletRegistrationBean<HttpServlet> r = new ServletRegistrationBean<>(
        new ConsoleServlet(console), base + "/*");
    r.setName("leadkitConsole");
    return r;
  }
}
