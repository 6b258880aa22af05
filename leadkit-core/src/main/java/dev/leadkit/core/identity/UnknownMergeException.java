package dev.leadkit.core.identity;

import dev.leadkit.core.LeadkitException;

/** An operation named a merge record that the merge log does not hold. */
public final class UnknownMergeException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public UnknownMergeException(Object merge) {
    super("unknown merge: " + merge);
  }
}
