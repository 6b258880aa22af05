package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import java.time.Duration;
import java.util.Optional;

/**
 * How the JDBC lead store caches leads by id and by e-mail address (Caffeine). Every write
 * through the store invalidates what it touched, so one node always reads its own writes. Writes
 * by other nodes are not seen until an entry expires; with several nodes on one database, give
 * the cache a short {@link #expireAfterWrite()} or turn it off. Saves stay safe either way: they
 * are compare-and-set on the version, and a stale save fails and evicts the stale entry.
 *
 * @param maximumSize most leads held; 0 turns the cache off
 * @param expireAfterWrite how long an entry is trusted, if limited
 */
public record LeadCache(long maximumSize, Optional<Duration> expireAfterWrite) {
  /** Validates the settings. */
  public LeadCache {
    if (maximumSize < 0) {
      throw new InvalidValueException("lead cache size must not be negative: " + maximumSize);
    }
    if (expireAfterWrite == null) {
      throw new InvalidValueException("expireAfterWrite must not be null");
    }
    expireAfterWrite.ifPresent(d -> {
      if (d.isNegative() || d.isZero()) {
        throw new InvalidValueException("lead cache expiry must be positive: " + d);
      }
    });
  }

  /** The default: up to 10,000 leads, each trusted for 60 seconds. */
  public static LeadCache defaults() {
    return new LeadCache(10_000, Optional.of(Duration.ofSeconds(60)));
  }

  /** No cache: every read goes to the database. */
  public static LeadCache disabled() {
    return new LeadCache(0, Optional.empty());
  }

  /** Up to {@code maximumSize} leads, each trusted for {@code ttl}. */
  public static LeadCache of(long maximumSize, Duration ttl) {
    return new LeadCache(maximumSize, Optional.of(ttl));
  }

  /** Up to {@code maximumSize} leads, trusted until evicted (one node only). */
  public static LeadCache unexpiring(long maximumSize) {
    return new LeadCache(maximumSize, Optional.empty());
  }

  /** True if leads are cached at all. */
  public boolean enabled() {
    return maximumSize > 0;
  }
}
