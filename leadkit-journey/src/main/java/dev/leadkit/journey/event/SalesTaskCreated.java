package dev.leadkit.journey.event;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.OwnerId;
import java.time.Instant;
import java.util.Optional;

/**
 * A journey created a sales task (call, visit, follow-up) for the host to put in its CRM. The
 * key is stable: after a crash the same task may be announced again with the same key, so
 * hosts should upsert by it.
 *
 * @param key stable task key
 * @param lead the lead
 * @param owner the lead's owner, if any
 * @param kind e.g. "call", "visit"
 * @param title the title
 * @param dueAt when the task is due
 * @param journey the journey id
 * @param step the step id
 * @param at when
 */
public record SalesTaskCreated(String key, LeadId lead, Optional<OwnerId> owner, String kind,
    String title, Instant dueAt, String journey, String step, Instant at)
    implements LeadkitEvent {}
