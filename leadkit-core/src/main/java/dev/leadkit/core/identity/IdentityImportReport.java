package dev.leadkit.core.identity;

import dev.leadkit.core.imports.ImportReport;
import dev.leadkit.core.port.MergeRecord;
import java.util.List;

/**
 * The outcome of an import with duplicate detection.
 *
 * @param report the import itself
 * @param candidates possible duplicates involving imported leads, for a person to decide
 * @param autoMerged merges leadkit made on its own: only where one lead has a placeholder
 *     address, so two known addresses are never merged automatically
 */
public record IdentityImportReport(ImportReport report, List<DuplicateCandidate> candidates,
    List<MergeRecord> autoMerged) {
  /** Copies. */
  public IdentityImportReport {
    candidates = List.copyOf(candidates);
    autoMerged = List.copyOf(autoMerged);
  }
}
