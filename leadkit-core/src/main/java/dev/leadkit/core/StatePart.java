package dev.leadkit.core;

import dev.leadkit.core.lead.LeadId;

/**
 * A plugin's share of one lead's state, for example the score states of every model or the
 * segment memberships. The engine loads it at most once per input, on the first
 * {@link LeadState#part} call, hands the same value to every decider of that input, and commits
 * it once at the end if a decider marked it {@linkplain LeadState#changed changed}. The value is
 * a mutable working copy confined to the input's thread.
 *
 * <p>Commits of every part and of the lead happen inside the input's unit of work: on durable
 * stores one database transaction, so they are written together or not at all. A commit that
 * finds a stale version throws {@link ConcurrentUpdateException}; the engine then reruns the
 * whole input from a fresh load.
 *
 * @param <T> the working copy's type
 */
public interface StatePart<T> {
  /**
   * Reads the lead's share from the stores.
   *
   * @param lead the lead
   * @return a fresh working copy; never shared between inputs
   */
  T load(LeadId lead);

  /**
   * Writes what the deciders changed.
   *
   * @param lead the lead
   * @param value the working copy as the deciders left it
   */
  void commit(LeadId lead, T value);
}
