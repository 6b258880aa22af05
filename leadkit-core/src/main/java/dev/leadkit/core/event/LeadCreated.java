package dev.leadkit.core.event;

import dev.leadkit.core.lead.Lead;
import java.time.Instant;

/**
 * A new lead was stored.
 *
 * @param lead the lead as stored
 * @param at when
 */
public record LeadCreated(Lead lead, Instant at) implements LeadkitEvent {}
