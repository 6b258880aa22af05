package dev.leadkit.core.identity;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.port.MergeRecord;
import java.time.Instant;

/**
 * Two leads were merged. Dependent state (scores, segment membership) of the survivor should be
 * recomputed: it now owns the merged lead's touchpoints.
 *
 * @param record the merge record
 * @param at when
 */
public record LeadsMerged(MergeRecord record, Instant at) implements LeadkitEvent {}
