package dev.leadkit.core.segment;

import dev.leadkit.core.LeadkitException;
import java.util.Set;

/** A segment cannot be removed because other segments reference it. */
public final class SegmentInUseException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public SegmentInUseException(SegmentId id, Set<SegmentId> referencedBy) {
    super("segment \"" + id + "\" is referenced by " + referencedBy + "; remove those first");
  }
}
