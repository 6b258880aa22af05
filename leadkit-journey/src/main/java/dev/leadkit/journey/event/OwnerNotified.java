package dev.leadkit.journey.event;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.OwnerId;
import java.time.Instant;
import java.util.Optional;

/**
 * A journey alerts the lead's owner. The key is stable (see {@link SalesTaskCreated}).
 *
 * @param key stable alert key
 * @param lead the lead
 * @param owner the owner, if any
 * @param message the alert text
 * @param journey the journey id
 * @param step the step id
 * @param at when
 */
public record OwnerNotified(String key, LeadId lead, Optional<OwnerId> owner, String message,
    String journey, String step, Instant at) implements LeadkitEvent {}
