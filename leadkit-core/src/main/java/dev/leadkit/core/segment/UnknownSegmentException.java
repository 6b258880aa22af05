package dev.leadkit.core.segment;

import dev.leadkit.core.LeadkitException;

/** An operation named a segment that is not defined. */
public final class UnknownSegmentException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code id}; {@code context} says where it was named. */
  public UnknownSegmentException(SegmentId id, String context) {
    super("unknown segment \"" + id + "\"" + (context.isEmpty() ? "" : " " + context));
  }
}
