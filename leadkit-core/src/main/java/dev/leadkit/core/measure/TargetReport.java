package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import java.util.List;

/**
 * Targets and their achievement, in the order the targets were given (see {@link
 * Measurement#targets}).
 *
 * @param rows one per target
 */
public record TargetReport(List<TargetRow> rows) {
  /** Validates and copies. */
  public TargetReport {
    if (rows == null) {
      throw new InvalidValueException("target rows must not be null");
    }
    rows = List.copyOf(rows);
  }

  /** How many targets were met. */
  public long met() {
    return rows.stream().filter(TargetRow::met).count();
  }
}
