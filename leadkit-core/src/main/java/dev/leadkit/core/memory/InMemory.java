package dev.leadkit.core.memory;

import dev.leadkit.core.measure.MeasurementSource;
import dev.leadkit.core.measure.OfflineCountStore;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.IdentityLinks;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.MergeLog;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.port.StaticListStore;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.port.SuppressionList;
import dev.leadkit.core.port.TimerStore;
import dev.leadkit.core.port.TouchpointLog;

/**
 * Factories for the in-memory adapters. They are the engine's defaults, thread-safe, and sized
 * for a million leads in one heap. They keep nothing across restarts.
 *
 * <p>Thread safety: every adapter may be called from any number of threads. Each call,
 * including a batch call, is atomic within its own adapter (a lock per adapter; the lead store
 * and the suppression list read without one from concurrent maps); there are no transactions
 * spanning two adapters. The lead store's compare-and-set on the lead's version behaves as the
 * JDBC store's does. The {@link #measurementSource measurement source} reads the stores page
 * by page while they may change, so under concurrent writes a report is not a snapshot of one
 * instant.
 */
public final class InMemory {
  private InMemory() {}

  /**
   * A new, empty set of every core port (leads, touchpoints, outbox, identity links, merge log,
   * suppression list, static lists, segment membership, definitions), for
   * {@code LeadKit.builder().stores(...)}. Not durable: plugins of other modules fall back to
   * their own in-memory ports.
   */
  public static Stores stores() {
    return new InMemoryStores();
  }

  /** A new, empty lead store. */
  public static LeadStore leadStore() {
    return new InMemoryLeadStore();
  }

  /** A new, empty touchpoint log. */
  public static TouchpointLog touchpointLog() {
    return new InMemoryTouchpointLog();
  }

  /** A new, empty outbox. */
  public static Outbox outbox() {
    return new InMemoryOutbox();
  }

  /** A new, empty static list store. */
  public static StaticListStore staticListStore() {
    return new InMemoryStaticListStore();
  }

  /** A new, empty segment membership store. */
  public static SegmentMembershipStore segmentMembershipStore() {
    return new InMemorySegmentMembershipStore();
  }

  /** A new, empty definition store (segments, scoring models, journey versions). */
  public static DefinitionStore definitionStore() {
    return new InMemoryDefinitionStore();
  }

  /** A new, empty set of identity links. */
  public static IdentityLinks identityLinks() {
    return new InMemoryIdentityLinks();
  }

  /** A new, empty merge log. */
  public static MergeLog mergeLog() {
    return new InMemoryMergeLog();
  }

  /**
   * A new, empty timer store (due work with a sorted index).
   *
   * @return the store
   */
  public static TimerStore timerStore() {
    return new InMemoryTimerStore();
  }

  /** A new, empty suppression list. */
  public static SuppressionList suppressionList() {
    return new InMemorySuppressionList();
  }

  /** A new, empty store of the host's offline figures (booth visitors and the like). */
  public static OfflineCountStore offlineCounts() {
    return new InMemoryOfflineCountStore();
  }

  /**
   * A measurement source that answers by scanning {@code leads} (page by page) and {@code
   * touchpoints}. Anonymous visitors (touchpoints tied to no lead) are counted only when {@code
   * touchpoints} is an in-memory log, since the {@link TouchpointLog} port has no scan by time;
   * with another log they count as zero. Cost is linear in the number of leads and touchpoints
   * for every query: fine for tests, demos and up to some hundred thousand leads.
   */
  public static MeasurementSource measurementSource(LeadStore leads, TouchpointLog touchpoints) {
    return new InMemoryMeasurementSource(leads, touchpoints);
  }
}
