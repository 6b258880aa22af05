package dev.leadkit.core.testkit;

import dev.leadkit.core.port.DefinitionConflictException;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.StoredDefinition;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.port.TouchpointLog;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * For tests: {@code base}'s stores, except that the definition store refuses every publish as a
 * conflict (as a concurrent publish of the same version with other content would be) and answers
 * reads from {@code base}'s definition store.
 *
 * @param base the stores to forward to
 */
public record RefusingDefinitionStores(Stores base) implements Stores {
  @Override
  public LeadStore leadStore() {
    return base.leadStore();
  }

  @Override
  public TouchpointLog touchpointLog() {
    return base.touchpointLog();
  }

  @Override
  public Outbox outbox() {
    return base.outbox();
  }

  @Override
  public <P> Optional<P> port(Class<P> type) {
    if (type != DefinitionStore.class) {
      return base.port(type);
    }
    DefinitionStore real = base.port(DefinitionStore.class).orElseThrow();
    return Optional.of(type.cast(new DefinitionStore() {
      @Override
      public boolean publish(String kind, String id, int version, String json, Instant at) {
        throw new DefinitionConflictException(kind, id, version);
      }

      @Override
      public Optional<StoredDefinition> latest(String kind, String id) {
        return real.latest(kind, id);
      }

      @Override
      public List<StoredDefinition> all(String kind) {
        return real.all(kind);
      }

      @Override
      public Optional<StoredDefinition> find(String kind, String id, int version) {
        return real.find(kind, id, version);
      }

      @Override
      public long revision() {
        return real.revision();
      }
    }));
  }

  @Override
  public boolean durable() {
    return base.durable();
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return base.inTransaction(work);
  }
}
