package dev.leadkit.jdbc;

import java.util.List;

/**
 * What one run of {@link SchemaInstaller#install()} did.
 *
 * @param applied the versions applied by this run, oldest first (empty if the schema was current)
 * @param currentVersion the schema version after the run
 */
public record SchemaInstallReport(List<Integer> applied, int currentVersion) {
  /** Copies the list. */
  public SchemaInstallReport {
    applied = List.copyOf(applied);
  }
}
