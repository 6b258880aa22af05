package dev.leadkit.core.memory;

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
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The in-memory store set: every core port, nothing durable, a unit of work that just runs. */
final class InMemoryStores implements Stores {
  private final LeadStore leads = new InMemoryLeadStore();
  private final TouchpointLog touchpoints = new InMemoryTouchpointLog();
  private final Outbox outbox = new InMemoryOutbox();
  private final Map<Class<?>, Object> ports = Map.of(
      IdentityLinks.class, new InMemoryIdentityLinks(),
      MergeLog.class, new InMemoryMergeLog(),
      SuppressionList.class, new InMemorySuppressionList(),
      StaticListStore.class, new InMemoryStaticListStore(),
      SegmentMembershipStore.class, new InMemorySegmentMembershipStore(),
      DefinitionStore.class, new InMemoryDefinitionStore(),
      TimerStore.class, new InMemoryTimerStore(),
      dev.leadkit.core.measure.OfflineCountStore.class, new InMemoryOfflineCountStore());

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
    if (type == LeadStore.class || type == TouchpointLog.class || type == Outbox.class) {
      return Optional.of(type.cast(type == LeadStore.class ? leads
          : type == TouchpointLog.class ? touchpoints : outbox));
    }
    return Optional.ofNullable(type.cast(ports.get(type)));
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
    return "in-memory stores";
  }
}
