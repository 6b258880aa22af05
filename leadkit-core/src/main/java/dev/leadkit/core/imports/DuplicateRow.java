package dev.leadkit.core.imports;

import dev.leadkit.core.lead.EmailAddress;

/**
 * A row whose e-mail address, once normalised, already appeared on an earlier accepted row of the
 * same file. Both rows are applied to the one lead, in file order: a non-empty cell of the later
 * row replaces the earlier value, an empty cell keeps it. A third row with the address is reported
 * again against the first.
 *
 * @param email the normalised address
 * @param firstLine the line where the first row with this address starts
 * @param line the line where this row starts
 */
public record DuplicateRow(EmailAddress email, long firstLine, long line) {
  @Override
  public String toString() {
    return "line " + line + ": " + email.value() + " repeats line " + firstLine;
  }
}
