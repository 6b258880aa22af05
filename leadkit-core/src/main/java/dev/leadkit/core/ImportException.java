package dev.leadkit.core;

/**
 * An import could not run at all (for example the file has no e-mail column). Row-level
 * problems are not thrown; they are reported per row in the import report.
 */
public final class ImportException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ImportException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public ImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
