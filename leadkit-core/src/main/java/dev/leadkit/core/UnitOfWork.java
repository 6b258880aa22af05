package dev.leadkit.core;

import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one input has decided so far, before its single commit: the leads it changed (written
 * once, at the end). Confined to one thread.
 */
final class UnitOfWork {
  /**
   * A lead changed within the unit of work.
   *
   * @param storedVersion the version the store holds (0 for a lead not stored yet): the
   *     compare-and-set of the final write
   * @param current the lead as the unit of work sees it, with the version it will have after the
   *     write ({@code storedVersion + 1})
   * @param original the stored copy it was derived from, if the unit read it: a hint that lets the
   *     store write only what changed
   */
  record Pending(long storedVersion, Lead current, @Nullable Lead original) {}

  final Map<LeadId, Pending> pending = new LinkedHashMap<>();
  /** Leads the unit read from the store, as read: the originals of later saves. */
  final Map<LeadId, Lead> reads = new java.util.HashMap<>();
  /** The leads whose input is being decided on this thread now. */
  final Map<LeadId, Pass> passes = new java.util.HashMap<>();
  /** What deciders share between the inputs of this unit (see LeadState#unitLocal). */
  final Map<Object, Object> scratch = new java.util.HashMap<>();
  /**
   * Whether lead saves wait for the commit. Only on durable stores, whose rollback undoes the
   * unit's other writes should that final write lose a race; in memory, saves apply at once.
   */
  final boolean writeBehind;

  UnitOfWork(boolean writeBehind) {
    this.writeBehind = writeBehind;
  }
}
