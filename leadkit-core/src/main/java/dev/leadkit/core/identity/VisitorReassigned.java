package dev.leadkit.core.identity;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A visitor proved to be someone else and was explicitly moved to another lead, or unlinked.
 *
 * @param visitor the visitor
 * @param from the lead it was linked to
 * @param to the lead it is linked to now; empty if it is anonymous again
 * @param moved the touchpoints that moved with it
 * @param reason why
 * @param at when
 */
public record VisitorReassigned(VisitorId visitor, LeadId from, Optional<LeadId> to,
    List<TouchpointId> moved, String reason, Instant at) implements LeadkitEvent {
  /** Copies. */
  public VisitorReassigned {
    moved = List.copyOf(moved);
  }
}
