package dev.leadkit.spring.boot;

import dev.leadkit.jdbc.Dialect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;

/**
 * Makes the application's Flyway run leadkit's migration scripts for the database's dialect, with
 * the {@code leadkit_prefix} placeholder set to the table prefix. Two ways:
 *
 * <ul>
 *   <li><b>One history</b> (no {@code leadkit.flyway.history-table}): leadkit's location is added
 *       to the application's, so one Flyway run and one schema history table hold both sets.
 *       Flyway keeps one version line per history: leadkit's scripts are {@code V1}, {@code V2},
 *       ... and the application's versions must never equal one of them (Flyway refuses to start
 *       with "Found more than one migration with version"), and a leadkit upgrade whose new
 *       version is below the application's latest needs {@code spring.flyway.out-of-order=true}.
 *   <li><b>Own history</b> ({@code leadkit.flyway.history-table=lk_flyway_history}): a callback
 *       migrates leadkit's scripts, with their own history table, just before the application's
 *       Flyway migrates its own; the two version lines never meet.
 * </ul>
 */
final class LeadkitFlywayConfigurationCustomizer implements FlywayConfigurationCustomizer {
  private static final Logger LOG =
      LoggerFactory.getLogger(LeadkitFlywayConfigurationCustomizer.class);
  static final String PLACEHOLDER = "leadkit_prefix";

  private final String prefix;
  private final @Nullable String historyTable;

  LeadkitFlywayConfigurationCustomizer(String prefix, @Nullable String historyTable) {
    this.prefix = prefix;
    this.historyTable = historyTable == null || historyTable.isBlank() ? null : historyTable;
  }

  @Override
  public void customize(FluentConfiguration configuration) {
    Dialect dialect = Dialect.detect(configuration.getDataSource());
    Location leadkit = new Location(dialect.migrationLocation());
    String table = historyTable;
    if (table != null) {
      List<Callback> callbacks = new ArrayList<>(Arrays.asList(configuration.getCallbacks()));
      callbacks.add(new OwnHistory(leadkit, table, prefix));
      configuration.callbacks(callbacks.toArray(Callback[]::new));
      LOG.info("leadkit's {} migrations ({}, table prefix \"{}\") run before the application's,"
          + " with their history in {}", dialect.displayName(), leadkit.getDescriptor(), prefix,
          table);
      return;
    }
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
    LOG.info("Flyway runs leadkit's {} migrations ({}, table prefix \"{}\") in the application's"
        + " schema history", dialect.displayName(), leadkit.getDescriptor(), prefix);
  }

  /** Migrates leadkit's scripts with their own history before the application's migrate. */
  private static final class OwnHistory implements Callback {
    private final Location location;
    private final String table;
    private final String prefix;

    OwnHistory(Location location, String table, String prefix) {
      this.location = location;
      this.table = table;
      this.prefix = prefix;
    }

    @Override
    public boolean supports(Event event, @Nullable Context context) {
      return event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, @Nullable Context context) {
      return true;
    }

    @Override
    public void handle(Event event, Context context) {
      Configuration app = context.getConfiguration();
      FluentConfiguration own = Flyway.configure(app.getClassLoader())
          .dataSource(app.getDataSource())
          .locations(location)
          .table(table)
          .placeholders(Map.of(PLACEHOLDER, prefix))
          // the schema already holds the application's tables: start leadkit's line at 0
          .baselineOnMigrate(true)
          .baselineVersion("0");
      if (app.getSchemas().length > 0) {
        own.schemas(app.getSchemas());
      }
      if (app.getDefaultSchema() != null) {
        own.defaultSchema(app.getDefaultSchema());
      }
      own.load().migrate();
    }

    @Override
    public String getCallbackName() {
      return "leadkit-migrations";
    }
  }
}
