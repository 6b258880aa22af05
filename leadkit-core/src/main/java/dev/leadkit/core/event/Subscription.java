package dev.leadkit.core.event;

/** A registered listener; {@link #cancel()} removes it. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  /** Removes the listener. Idempotent. */
  void cancel();

  /** Same as {@link #cancel()}. */
  @Override
  default void close() {
    cancel();
  }
}
