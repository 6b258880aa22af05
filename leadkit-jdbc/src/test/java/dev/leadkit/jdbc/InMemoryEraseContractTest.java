package dev.leadkit.jdbc;

import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.journey.memory.JourneyMemory;
import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.port.SendLog;
import dev.leadkit.scoring.ScoreStateStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The erasure contract on the in-memory stores (checked through the ports). */
class InMemoryEraseContractTest extends EraseContract {
  @Override
  protected Stores newStores() {
    Stores core = InMemory.stores();
    Map<Class<?>, Object> more = Map.of(ScoreStateStore.class, ScoreStateStore.inMemory(),
        EnrolmentStore.class, JourneyMemory.enrolmentStore(),
        SendLog.class, JourneyMemory.sendLog(),
        JourneyCounters.class, JourneyMemory.counters());
    return new Stores() {
      @Override
      public LeadStore leadStore() {
        return core.leadStore();
      }

      @Override
      public TouchpointLog touchpointLog() {
        return core.touchpointLog();
      }

      @Override
      public Outbox outbox() {
        return core.outbox();
      }

      @Override
      public <P> Optional<P> port(Class<P> type) {
        Object p = more.get(type);
        return p != null ? Optional.of(type.cast(p)) : core.port(type);
      }

      @Override
      public boolean durable() {
        return false;
      }

      @Override
      public <T> T inTransaction(Supplier<T> work) {
        return core.inTransaction(work);
      }
    };
  }

  @Override
  protected List<String> rowsMentioning(Stores stores, Set<String> needles) {
    return List.of();
  }
}
