package dev.leadkit.core;

/** An operation named a lead that the store does not hold. */
public final class UnknownLeadException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code what} is the id or e-mail that was looked up. */
  public UnknownLeadException(Object what) {
    super("unknown lead: " + what);
  }
}
