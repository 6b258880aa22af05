package dev.leadkit.core.event;

import java.time.Instant;

/**
 * Something that happened in leadkit that a host may react to. An open hierarchy: core defines
 * lead, stage, consent and touchpoint events; identity, segments, scoring and journeys add
 * their own.
 */
public interface LeadkitEvent {
  /** When it happened, by the engine's clock. */
  Instant at();
}
