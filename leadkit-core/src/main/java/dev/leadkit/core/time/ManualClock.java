package dev.leadkit.core.time;

import dev.leadkit.core.InvalidValueException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until told to move: for tests and simulations. Thread-safe. Time
 * never moves backwards through {@link #advance(Duration)}; {@link #set(Instant)} may move it
 * anywhere, which is useful for replays.
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock at {@code start}, in UTC. */
  public static ManualClock at(Instant start) {
    return new ManualClock(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  /** A clock at {@code start} given as ISO-8601 text, e.g. {@code 2026-04-01T09:00:00Z}. */
  public static ManualClock at(String isoInstant) {
    return at(Instant.parse(isoInstant));
  }

  /** Moves the clock forward by {@code amount} and returns the new time. */
  public Instant advance(Duration amount) {
    if (amount.isNegative()) {
      throw new InvalidValueException("cannot advance by a negative duration: " + amount);
    }
    return now.updateAndGet(t -> t.plus(amount));
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    if (instant == null) {
      throw new InvalidValueException("instant must not be null");
    }
    now.set(instant);
  }

  // start and set reject null, so the reference always holds an instant
  private Instant current() {
    Instant t = now.get();
    if (t == null) {
      throw new IllegalStateException("manual clock has no time");
    }
    return t;
  }

  @Override
  public Instant instant() {
    return current();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of the same moving time in another zone. */
  @Override
  public Clock withZone(ZoneId newZone) {
    return new ManualClock(now, newZone);
  }

  @Override
  public String toString() {
    return "ManualClock[" + current() + "]";
  }
}
