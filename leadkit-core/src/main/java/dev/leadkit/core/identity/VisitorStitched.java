package dev.leadkit.core.identity;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;
import java.util.List;

/**
 * An anonymous visitor became a known lead; its earlier touchpoints now belong to the lead.
 *
 * @param visitor the visitor
 * @param lead the lead
 * @param method how it became known
 * @param attributed the earlier touchpoints that were attributed to the lead
 * @param at when
 */
public record VisitorStitched(VisitorId visitor, LeadId lead, StitchMethod method,
    List<TouchpointId> attributed, Instant at) implements LeadkitEvent {
  /** Copies. */
  public VisitorStitched {
    attributed = List.copyOf(attributed);
  }
}
