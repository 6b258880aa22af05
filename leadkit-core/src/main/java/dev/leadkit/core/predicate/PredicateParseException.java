package dev.leadkit.core.predicate;

import dev.leadkit.core.LeadkitException;

/**
 * The predicate text could not be parsed. Carries the 1-based line and column where the problem
 * was found, what the parser expected there and what it found.
 */
public class PredicateParseException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String expected;
  private final String found;

  /** Creates the exception; the message reads "line L, column C: expected E but found F". */
  public PredicateParseException(int line, int column, String expected, String found) {
    super("line " + line + ", column " + column + ": expected " + expected + " but found "
        + found);
    this.line = line;
    this.column = column;
    this.expected = expected;
    this.found = found;
  }

  /** Creates the exception with the unexpected failure that caused it. */
  public PredicateParseException(int line, int column, String expected, String found,
      Throwable cause) {
    this(line, column, expected, found);
    initCause(cause);
  }

  /** The 1-based line. */
  public int line() {
    return line;
  }

  /** The 1-based column (in UTF-16 code units). */
  public int column() {
    return column;
  }

  /** What the parser expected, e.g. {@code "a stage name"}. */
  public String expected() {
    return expected;
  }

  /** What it found instead, quoted, or "end of input". */
  public String found() {
    return found;
  }
}
