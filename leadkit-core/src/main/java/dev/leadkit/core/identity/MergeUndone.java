package dev.leadkit.core.identity;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.MergeRecord;
import java.time.Instant;

/**
 * A merge was undone: the merged lead exists again with its touchpoints and visitors. Dependent
 * state of both leads should be recomputed.
 *
 * @param record the merge record, now carrying its undo
 * @param survivor the survivor as restored
 * @param restored the merged lead as restored
 * @param at when
 */
public record MergeUndone(MergeRecord record, Lead survivor, Lead restored, Instant at)
    implements LeadkitEvent {}
