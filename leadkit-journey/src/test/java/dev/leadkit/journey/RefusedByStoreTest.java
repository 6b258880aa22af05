package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.DefinitionConflictException;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.StoredDefinition;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A journey version the definition store refuses is not published on the engine either. */
class RefusedByStoreTest {
  @Test
  void aVersionTheStoreRefusesIsNotPublishedAndTheEngineKeepsWorking() {
    Stores base = InMemory.stores();
    ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");
    Journeys journeys = Journeys.builder().build();
    LeadKit kit = LeadKit.builder().clock(clock).stores(new Refusing(base))
        .mailer(new RecordingMailer()).install(journeys).build();
    assertThatThrownBy(() -> journeys.publish(Journey.builder("welcome")
        .trigger(Trigger.touchpoint(dev.leadkit.core.predicate.TouchpointFilter.of(
            TouchpointType.FORM_SUBMITTED)))
        .send("hello", "tpl-hello").build()))
        .isInstanceOf(DefinitionConflictException.class);
    assertThat(journeys.journey(JourneyId.of("welcome"))).isEmpty();
    // the journeys consulted on every touchpoint are intact
    var lead = kit.upsertLead(LeadInput.email("a@example.com").build()).lead();
    kit.track(Touchpoint.forLead(lead.id(), TouchpointType.FORM_SUBMITTED, clock.instant())
        .build());
    assertThat(journeys.enrolments(lead.id())).isEmpty();
    assertThat(base.port(DefinitionStore.class).orElseThrow().all(DefinitionStore.JOURNEY))
        .isEmpty();
  }

  /** Stores whose definition store refuses every publish as a conflict. */
  private record Refusing(Stores base) implements Stores {
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
      return false;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
      return base.inTransaction(work);
    }
  }
}
