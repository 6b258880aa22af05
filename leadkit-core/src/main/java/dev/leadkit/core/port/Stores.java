package dev.leadkit.core.port;

import dev.leadkit.core.MissingPortException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every storage port of an engine, in one bundle, with the unit of work that makes their writes
 * one atomic commit. Hand it to {@code LeadKit.builder().stores(...)}: the engine takes its lead
 * store, touchpoint log and outbox from it, and each installed plugin asks it for its own ports
 * (identity links, segment membership, score state, enrolments, ...).
 *
 * <p>Implementations: {@code InMemory.stores()} (the default) and {@code JdbcStores} in
 * leadkit-jdbc. Once a {@linkplain #durable() durable} set is chosen, a plugin whose port the set
 * does not provide fails at build time with {@link MissingPortException}; nothing falls back to
 * memory silently.
 *
 * <h2>Unit of work</h2>
 *
 * <p>{@link #inTransaction(Supplier)} runs work so that every write through these ports during it
 * commits together or not at all. On a database it is one transaction; a call inside another
 * call joins the outer one. The in-memory set applies writes at once and cannot roll them back:
 * it is meant for tests, simulation and single-process hosts that keep nothing across restarts.
 */
public interface Stores {
  /** The lead store. */
  LeadStore leadStore();

  /** The touchpoint log. */
  TouchpointLog touchpointLog();

  /** The outbox. */
  Outbox outbox();

  /**
   * The port of {@code type} that these stores provide, if any: for example
   * {@link IdentityLinks}, {@link SegmentMembershipStore}, or a plugin module's own port such as
   * the scoring state store.
   */
  <P> Optional<P> port(Class<P> type);

  /** Whether what is written survives a restart of the process. */
  boolean durable();

  /**
   * Runs {@code work} as one unit of work (see the class comment) and returns its result. If
   * {@code work} throws, everything it wrote through these stores is rolled back (durable stores
   * only) and the exception propagates.
   */
  <T> T inTransaction(Supplier<T> work);

  /**
   * The port of {@code type} for the plugin named {@code plugin}: the one these stores provide;
   * else, for stores that are not durable, {@code memoryDefault}; else a
   * {@link MissingPortException}.
   */
  default <P> P portFor(String plugin, Class<P> type, Supplier<? extends P> memoryDefault) {
    Optional<P> p = port(type);
    if (p.isPresent()) {
      return p.get();
    }
    if (durable()) {
      throw new MissingPortException(plugin, type, this);
    }
    return memoryDefault.get();
  }
}
