package dev.leadkit.journey;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.segment.ListId;

/**
 * Applies static list changes requested by journey steps (the segments module's list store,
 * or the host's). Must be idempotent: a step re-run after a crash repeats the call.
 */
@FunctionalInterface
public interface ListWriter {
  /** Adds {@code lead} to {@code list} ({@code add}) or removes it. */
  void apply(ListId list, LeadId lead, boolean add);
}
