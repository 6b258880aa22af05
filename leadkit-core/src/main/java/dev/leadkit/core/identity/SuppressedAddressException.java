package dev.leadkit.core.identity;

import dev.leadkit.core.LeadkitException;

/**
 * An address that belonged to an erased lead was used to identify a visitor. The address stays
 * suppressed; no lead was created and nothing was stitched.
 */
public final class SuppressedAddressException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message does not repeat the address. */
  public SuppressedAddressException() {
    super("the address belongs to an erased lead and is suppressed");
  }
}
