package dev.leadkit.core.identity;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.LeadId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A lead's personal data was erased. Plugins and hosts holding state keyed by these ids must
 * drop it.
 *
 * @param lead the erased lead
 * @param mergedIds ids of leads that had been merged into it, erased with it
 * @param counts what was removed, by kind (anonymous counts only)
 * @param at when
 */
public record LeadErased(LeadId lead, List<LeadId> mergedIds, Map<String, Long> counts,
    Instant at) implements LeadkitEvent {
  /** Copies. */
  public LeadErased {
    mergedIds = List.copyOf(mergedIds);
    counts = Map.copyOf(counts);
  }
}
