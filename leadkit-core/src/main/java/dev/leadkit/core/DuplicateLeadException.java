package dev.leadkit.core;

/** A new lead was stored under an id or e-mail address that another lead already holds. */
public final class DuplicateLeadException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code what} is the id or e-mail that clashed. */
  public DuplicateLeadException(Object what) {
    super("a lead already exists with " + what);
  }
}
