package dev.leadkit.spring.boot;

import dev.leadkit.jdbc.Dialect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;

/**
 * Adds leadkit's migration scripts for the database's dialect to the application's Flyway, with
 * the {@code leadkit_prefix} placeholder, so one Flyway run and one schema history table hold the
 * application's migrations and leadkit's.
 *
 * <p>Flyway keeps one version line per history table: leadkit's scripts are {@code V1}, {@code
 * V2}, ... and the application's migrations must use versions that never equal one of leadkit's
 * (Flyway refuses to start with "Found more than one migration with version"). See the README
 * section on Spring Boot for a scheme that keeps them apart.
 */
final class LeadkitFlywayConfigurationCustomizer implements FlywayConfigurationCustomizer {
  private static final Logger LOG =
      LoggerFactory.getLogger(LeadkitFlywayConfigurationCustomizer.class);
  static final String PLACEHOLDER = "leadkit_prefix";

  private final String prefix;

  LeadkitFlywayConfigurationCustomizer(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public void customize(FluentConfiguration configuration) {
    DataSource dataSource = configuration.getDataSource();
    Dialect dialect = Dialect.detect(dataSource);
    Location leadkit = new Location(dialect.migrationLocation());
    List<Location> locations = new ArrayList<>(Arrays.asList(configuration.getLocations()));
    if (locations.stream().noneMatch(l -> l.getDescriptor().equals(leadkit.getDescriptor()))) {
      locations.add(leadkit);
    }
    configuration.locations(locations.toArray(Location[]::new));
    Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
    String existing = placeholders.putIfAbsent(PLACEHOLDER, prefix);
    if (existing != null && !existing.equals(prefix)) {
      throw new IllegalStateException("spring.flyway.placeholders." + PLACEHOLDER + "="
          + existing + " differs from leadkit.table-prefix=" + prefix
          + "; set only leadkit.table-prefix");
    }
    configuration.placeholders(placeholders);
    LOG.info("Flyway runs leadkit's {} migrations ({}) with table prefix \"{}\"",
        dialect.displayName(), leadkit.getDescriptor(), prefix);
  }
}
