package dev.leadkit.core.identity;

import dev.leadkit.core.LeadkitException;

/**
 * A visitor that is linked to one lead was asserted to be another. Links are never re-pointed
 * silently: use {@link Identity#reassign} if the visitor really is someone else. Nothing was
 * changed.
 */
public final class VisitorAlreadyLinkedException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public VisitorAlreadyLinkedException(Object visitor, Object linkedLead, Object claimedLead) {
    super("visitor " + visitor + " is linked to lead " + linkedLead + ", not " + claimedLead
        + "; use reassign to move it");
  }
}
