package dev.leadkit.core.imports;

/**
 * A row that was not imported.
 *
 * @param line the 1-based line number in the file where the row starts
 * @param reason why it was refused, quoting the bad value
 */
public record RowError(long line, String reason) {
  @Override
  public String toString() {
    return "line " + line + ": " + reason;
  }
}
