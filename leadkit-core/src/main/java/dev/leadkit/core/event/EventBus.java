package dev.leadkit.core.event;

import dev.leadkit.core.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed, synchronous event delivery. Listeners are kept in a copy-on-write list and called on
 * the thread that published, in registration order, after the change they describe has been
 * committed: events published while the engine decides one input are held until its unit of
 * work commits, and dropped if it rolls back (see {@link #deferring(Supplier)}).
 *
 * <p>A listener that throws does not stop the others or undo the change: its exception is logged
 * at ERROR through SLF4J and counted in {@link #listenerFailures()}.
 *
 * <p>Plugins that must react to an event as part of the same decision (for example journeys
 * enrolling a lead that entered a segment) register through {@link #onBeforeCommit}: those
 * listeners run at once, inside the unit of work, and a failure fails it.
 *
 * <p>Thread-safe: listeners may be added and removed from any thread at any time.
 */
public final class EventBus {
  private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

  private final CopyOnWriteArrayList<Registration<?>> listeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Registration<?>> beforeCommit = new CopyOnWriteArrayList<>();
  private final AtomicLong failures = new AtomicLong();
  private final ThreadLocal<@Nullable List<LeadkitEvent>> held = new ThreadLocal<>();

  /**
   * Registers {@code listener} to be called at once when an event of {@code type} is published,
   * inside the unit of work that publishes it and before that commits. A listener that throws
   * fails the unit of work, which is rolled back. Meant for plugins (see
   * {@code Hooks.onEvent}); hosts use {@link #on}, whose listeners hear only committed changes.
   */
  public <E extends LeadkitEvent> Subscription onBeforeCommit(Class<E> type,
      Consumer<? super E> listener) {
    if (type == null || listener == null) {
      throw new InvalidValueException("event type and listener must not be null");
    }
    Registration<E> r = new Registration<>(type, listener);
    beforeCommit.add(r);
    return () -> beforeCommit.remove(r);
  }

  /**
   * Runs {@code work}, holding back every event published on this thread meanwhile from the
   * {@link #on} listeners; when {@code work} returns they are delivered in publication order. If
   * {@code work} throws, they are dropped. A call inside another joins it: the outermost call
   * delivers.
   */
  public <T> T deferring(Supplier<T> work) {
    if (held.get() != null) {
      return work.get();
    }
    List<LeadkitEvent> events = new ArrayList<>();
    held.set(events);
    T result;
    try {
      result = work.get();
    } finally {
      held.remove();
    }
    for (LeadkitEvent e : events) {
      deliver(e);
    }
    return result;
  }

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

  /**
   * Publishes {@code event}: the {@link #onBeforeCommit} listeners hear it at once; the
   * {@link #on} listeners at once, or, inside {@link #deferring}, when that returns.
   */
  public void publish(LeadkitEvent event) {
    for (Registration<?> r : beforeCommit) {
      r.deliverOrThrow(event);
    }
    List<LeadkitEvent> h = held.get();
    if (h != null) {
      h.add(event);
    } else {
      deliver(event);
    }
  }

  /**
   * Publishes an event that a decider of the engine's pipeline emitted: the deciders after it
   * see it in their state already, so the {@link #onBeforeCommit} listeners do not hear it; the
   * {@link #on} listeners hear it as with {@link #publish}.
   *
   * @param event the event
   */
  public void publishDecided(LeadkitEvent event) {
    List<LeadkitEvent> h = held.get();
    if (h != null) {
      h.add(event);
    } else {
      deliver(event);
    }
  }

  private void deliver(LeadkitEvent event) {
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

    void deliverOrThrow(LeadkitEvent event) {
      if (type.isInstance(event)) {
        listener.accept(type.cast(event));
      }
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
