package dev.leadkit.core.event;

import dev.leadkit.core.lead.Lead;
import java.time.Instant;

/**
 * A stored lead changed (attributes, stage, consent, owner or scores). Finer events such as
 * {@link StageChanged} are published as well where they apply.
 *
 * @param before the lead before the change
 * @param after the lead as stored
 * @param at when
 */
public record LeadUpdated(Lead before, Lead after, Instant at) implements LeadkitEvent {}
