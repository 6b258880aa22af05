package dev.leadkit.journey.event;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.LeadId;
import java.time.Instant;

/**
 * A send was refused by a policy (no consent, duplicate template, budget).
 *
 * @param lead the lead
 * @param journey the journey id, or "manual"
 * @param step the step id, or the manual send's label
 * @param template the template
 * @param reason why, e.g. {@code no_consent}, {@code duplicate_template}
 * @param at when
 */
public record MessageSuppressed(LeadId lead, String journey, String step, String template,
    String reason, Instant at) implements LeadkitEvent {}
