package dev.leadkit.core;

import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.port.TouchpointLog;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The stores of an engine built from ports set one by one (the builder's {@code leadStore},
 * {@code touchpointLog} and {@code outbox}), each defaulting to memory. They share no unit of
 * work, so they do not count as durable: plugins keep their own ports, as given to their
 * builders.
 */
final class PartStores implements Stores {
  private final LeadStore leads;
  private final TouchpointLog touchpoints;
  private final Outbox outbox;

  PartStores(@Nullable LeadStore leads, @Nullable TouchpointLog touchpoints,
      @Nullable Outbox outbox) {
    this.leads = leads != null ? leads : InMemory.leadStore();
    this.touchpoints = touchpoints != null ? touchpoints : InMemory.touchpointLog();
    this.outbox = outbox != null ? outbox : InMemory.outbox();
  }

  @Override
  public LeadStore leadStore() {
    return leads;
  }

  @Override
  public TouchpointLog touchpointLog() {
    return touchpoints;
  }

  @Override
  public Outbox outbox() {
    return outbox;
  }

  @Override
  public <P> Optional<P> port(Class<P> type) {
    Object p = type == LeadStore.class ? leads : type == TouchpointLog.class ? touchpoints
        : type == Outbox.class ? outbox : null;
    return Optional.ofNullable(type.cast(p));
  }

  @Override
  public boolean durable() {
    return false;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return work.get();
  }

  @Override
  public String toString() {
    return "ports set one by one (" + leads + ", " + touchpoints + ", " + outbox + ")";
  }
}
