package dev.leadkit.core.port;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What remains of erased leads: one-way hashes of their addresses, so that an address that
 * was erased stays suppressed, and anonymised counts that carry no link to any person.
 *
 * <p>The port stores hashes as opaque strings; it never sees an address. The hashing (a keyed,
 * peppered HMAC) is the caller's business, so that the pepper never reaches storage.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Idempotent.</b> Suppressing a hash twice keeps the first time and returns false.
 *   <li><b>Counts add up.</b> {@link #addCounts} adds atomically to the running totals; counts
 *       are never decremented.
 *   <li>Implementations are thread-safe.
 * </ul>
 */
public interface SuppressionList {
  /** Suppresses {@code hash} from {@code at}; false if it was suppressed already. */
  boolean suppress(String hash, Instant at);

  /** True if {@code hash} is suppressed. */
  boolean isSuppressed(String hash);

  /** The suppressed hashes among {@code hashes}. */
  Set<String> suppressedAmong(Collection<String> hashes);

  /** Number of suppressed hashes. */
  long count();

  /** Adds {@code counts} to the running anonymised totals (e.g. {@code touchpoints.page_view}). */
  void addCounts(Map<String, Long> counts);

  /** The running anonymised totals, by name. */
  Map<String, Long> counts();
}
