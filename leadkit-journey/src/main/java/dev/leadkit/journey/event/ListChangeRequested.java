package dev.leadkit.journey.event;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.segment.ListId;
import java.time.Instant;

/**
 * A journey step adds the lead to, or removes it from, a static list. Applied by the
 * engine's configured list writer (if any) before this is published; a host or the segments
 * plugin without a writer applies it from this event. Idempotent to apply.
 *
 * @param key stable key
 * @param list the list
 * @param lead the lead
 * @param add true to add, false to remove
 * @param journey the journey id
 * @param step the step id
 * @param at when
 */
public record ListChangeRequested(String key, ListId list, LeadId lead, boolean add,
    String journey, String step, Instant at) implements LeadkitEvent {}
