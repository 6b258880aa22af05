package dev.leadkit.core.event;

import dev.leadkit.core.InvalidValueException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed, synchronous event delivery. Listeners are kept in a copy-on-write list and called on
 * the thread that published, in registration order, after the change they describe has been
 * stored.
 *
 * <p>A listener that throws does not stop the others or undo the change: its exception is logged
 * at ERROR through SLF4J and counted in {@link #listenerFailures()}.
 */
public final class EventBus {
  private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

  private final CopyOnWriteArrayList<Registration<?>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong failures = new AtomicLong();

  /** Registers {@code listener} for events of {@code type} and its subtypes. */
  public <E extends LeadkitEvent> Subscription on(Class<E> type, Consumer<? super E> listener) {
    if (type == null || listener == null) {
      throw new InvalidValueException("event type and listener must not be null");
    }
    Registration<E> r = new Registration<>(type, listener);
    listeners.add(r);
    return () -> listeners.remove(r);
  }

  /** Registers a listener for every event. */
  public Subscription onAny(Consumer<? super LeadkitEvent> listener) {
    return on(LeadkitEvent.class, listener);
  }

  /** Registers a listener for {@link LeadCreated}. */
  public Subscription onLeadCreated(Consumer<? super LeadCreated> listener) {
    return on(LeadCreated.class, listener);
  }

  /** Registers a listener for {@link LeadUpdated}. */
  public Subscription onLeadUpdated(Consumer<? super LeadUpdated> listener) {
    return on(LeadUpdated.class, listener);
  }

  /** Registers a listener for {@link StageChanged}. */
  public Subscription onStageChanged(Consumer<? super StageChanged> listener) {
    return on(StageChanged.class, listener);
  }

  /** Registers a listener for {@link ConsentChanged}. */
  public Subscription onConsentChanged(Consumer<? super ConsentChanged> listener) {
    return on(ConsentChanged.class, listener);
  }

  /** Registers a listener for {@link TouchpointRecorded}. */
  public Subscription onTouchpointRecorded(Consumer<? super TouchpointRecorded> listener) {
    return on(TouchpointRecorded.class, listener);
  }

  /** Delivers {@code event} to every matching listener. */
  public void publish(LeadkitEvent event) {
    for (Registration<?> r : listeners) {
      r.deliver(event);
    }
  }

  /** How many listener calls have thrown since this bus was created. */
  public long listenerFailures() {
    return failures.get();
  }

  private final class Registration<E extends LeadkitEvent> {
    private final Class<E> type;
    private final Consumer<? super E> listener;

    Registration(Class<E> type, Consumer<? super E> listener) {
      this.type = type;
      this.listener = listener;
    }

    void deliver(LeadkitEvent event) {
      if (!type.isInstance(event)) {
        return;
      }
      try {
        listener.accept(type.cast(event));
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        LOG.error("listener for {} failed on {}", type.getSimpleName(), event, e);
      }
    }
  }
}
