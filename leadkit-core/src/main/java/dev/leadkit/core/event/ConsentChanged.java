package dev.leadkit.core.event;

import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.LeadId;
import java.time.Instant;
import java.util.Optional;

/**
 * A lead's consent on one channel changed.
 *
 * @param lead the lead
 * @param before the previous record, if any
 * @param after the new record
 * @param at when
 */
public record ConsentChanged(LeadId lead, Optional<ConsentRecord> before, ConsentRecord after,
    Instant at) implements LeadkitEvent {}
