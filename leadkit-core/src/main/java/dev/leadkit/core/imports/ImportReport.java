package dev.leadkit.core.imports;

import java.util.List;

/**
 * What an import did. Good rows are imported even when others are bad; a bad row changes
 * nothing.
 *
 * @param rows data rows read (the header excluded)
 * @param created new leads
 * @param updated existing leads that changed
 * @param unchanged rows that matched what was already stored
 * @param touchpointsRecorded touchpoints recorded for the first time
 * @param errors the refused rows, in file order
 */
public record ImportReport(int rows, int created, int updated, int unchanged,
    int touchpointsRecorded, List<RowError> errors) {
  /** Copies. */
  public ImportReport {
    errors = List.copyOf(errors);
  }

  /** Rows accepted. */
  public int accepted() {
    return rows - errors.size();
  }

  @Override
  public String toString() {
    return rows + " rows: " + created + " created, " + updated + " updated, " + unchanged
        + " unchanged, " + errors.size() + " refused";
  }
}
