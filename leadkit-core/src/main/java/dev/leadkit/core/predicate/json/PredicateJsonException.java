package dev.leadkit.core.predicate.json;

import dev.leadkit.core.InvalidValueException;

/** A predicate JSON document is malformed; the message names the JSON path and the bad value. */
public class PredicateJsonException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /** Creates the exception for {@code path} (a JSON pointer such as {@code /predicate/operands/1}). */
  public PredicateJsonException(String path, String message) {
    super("at " + (path.isEmpty() ? "/" : path) + ": " + message);
    this.path = path;
  }

  /** Creates the exception with its cause. */
  public PredicateJsonException(String path, String message, Throwable cause) {
    super("at " + (path.isEmpty() ? "/" : path) + ": " + message, cause);
    this.path = path;
  }

  /** The JSON pointer of the offending node. */
  public String path() {
    return path;
  }
}
