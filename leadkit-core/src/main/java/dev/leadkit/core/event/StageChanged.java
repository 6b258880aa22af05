package dev.leadkit.core.event;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import java.time.Instant;

/**
 * A lead moved to another lifecycle stage.
 *
 * @param lead the lead
 * @param from the stage before
 * @param to the stage after
 * @param reason why
 * @param at when
 */
public record StageChanged(LeadId lead, LifecycleStage from, LifecycleStage to, String reason,
    Instant at) implements LeadkitEvent {}
