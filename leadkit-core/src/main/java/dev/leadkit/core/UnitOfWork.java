package dev.leadkit.core;

import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import java.util.LinkedHashMap;
import java.util.Map;

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
   */
  record Pending(long storedVersion, Lead current) {}

  final Map<LeadId, Pending> pending = new LinkedHashMap<>();
  /**
   * Whether lead saves wait for the commit. Only on durable stores, whose rollback undoes the
   * unit's other writes should that final write lose a race; in memory, saves apply at once.
   */
  final boolean writeBehind;

  UnitOfWork(boolean writeBehind) {
    this.writeBehind = writeBehind;
  }
}
