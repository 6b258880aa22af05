package dev.leadkit.core.identity;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.VisitorId;
import java.util.List;

/**
 * The outcome of identifying a visitor.
 *
 * @param visitor the visitor
 * @param lead the lead it belongs to
 * @param method how it was identified
 * @param attributed the earlier anonymous touchpoints now attributed to the lead
 * @param newlyLinked false if the visitor was linked to this lead already (nothing changed)
 */
public record StitchResult(VisitorId visitor, LeadId lead, StitchMethod method,
    List<TouchpointId> attributed, boolean newlyLinked) {
  /** Copies. */
  public StitchResult {
    attributed = List.copyOf(attributed);
  }
}
