package dev.leadkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.event.EventBus;
import dev.leadkit.core.event.LeadCreated;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.event.StageChanged;
import dev.leadkit.core.identity.Identity;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.IdentityLinks;
import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's unit of work and the {@link Stores} seam, on the in-memory stores. */
class UnitOfWorkTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");

  @Test
  void hostListenersHearEventsAfterTheInputAndPluginsWithinIt() {
    LeadKit kit = LeadKit.builder().clock(clock).build();
    List<String> order = new ArrayList<>();
    kit.events().on(LeadCreated.class, e -> order.add("host: created"));
    kit.events().on(StageChanged.class, e -> order.add("host: stage " + e.to()));
    kit.inTransaction(() -> {
      LeadId id = kit.upsertLead(LeadInput.email("a@example.com").build()).lead().id();
      order.add("work: upserted");
      kit.changeStage(id, LifecycleStage.MQL, "test");
      order.add("work: staged");
      return id;
    });
    assertThat(order).containsExactly("work: upserted", "work: staged", "host: created",
        "host: stage MQL");
  }

  @Test
  void eventsOfAUnitOfWorkThatFailedAreNeverDelivered() {
    LeadKit kit = LeadKit.builder().clock(clock).build();
    List<LeadkitEvent> heard = new ArrayList<>();
    kit.events().onAny(heard::add);
    assertThatThrownBy(() -> kit.inTransaction(() -> {
      kit.upsertLead(LeadInput.email("b@example.com").build());
      throw new IllegalStateException("the host failed after the upsert");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(heard).isEmpty();
  }

  @Test
  void beforeCommitListenersRunAtOnceAndTheirFailureFailsTheWork() {
    EventBus bus = new EventBus();
    List<String> order = new ArrayList<>();
    bus.onBeforeCommit(LeadkitEvent.class, e -> order.add("inline"));
    bus.on(LeadkitEvent.class, e -> order.add("after"));
    LeadkitEvent event = new LeadCreated(
        dev.leadkit.core.lead.Lead.create(LeadId.random(),
            dev.leadkit.core.lead.EmailAddress.parse("c@example.com"),
            dev.leadkit.core.lead.Attributes.empty(), clock.instant()), clock.instant());
    bus.deferring(() -> {
      bus.publish(event);
      order.add("work done");
      return null;
    });
    assertThat(order).containsExactly("inline", "work done", "after");

    bus.onBeforeCommit(LeadCreated.class, e -> {
      throw new IllegalStateException("a plugin's decision failed");
    });
    order.clear();
    assertThatThrownBy(() -> bus.deferring(() -> {
      bus.publish(event);
      return null;
    })).hasMessageContaining("plugin's decision failed");
    assertThat(order).containsExactly("inline");
  }

  @Test
  void pluginsTakeTheirPortsFromTheEnginesStores() {
    Stores stores = InMemory.stores();
    SegmentsPlugin segments = SegmentsPlugin.builder().build();
    Identity identity = Identity.custom().suppressionPepper(new byte[32]).build();
    LeadKit kit = LeadKit.builder().clock(clock).stores(stores).install(identity)
        .install(segments).build();
    assertThat(kit.stores()).isSameAs(stores);
    assertThat(kit.touchpointLog()).isSameAs(stores.touchpointLog());
    assertThat(segments.membershipStore())
        .isSameAs(stores.port(SegmentMembershipStore.class).orElseThrow());
    assertThat(stores.port(IdentityLinks.class)).isPresent();
    // a second engine over the same stores sees the same data
    LeadId id = kit.upsertLead(LeadInput.email("d@example.com").build()).lead().id();
    LeadKit second = LeadKit.builder().clock(clock).stores(stores).build();
    assertThat(second.lead(id)).isPresent();
  }

  @Test
  void storesAndSinglePortsCannotBeMixed() {
    assertThatThrownBy(() -> LeadKit.builder().stores(InMemory.stores())
        .leadStore(InMemory.leadStore())).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("stores(...)");
    assertThatThrownBy(() -> LeadKit.builder().outbox(InMemory.outbox())
        .stores(InMemory.stores())).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void anInMemoryEngineStillDispatchesToTheDefaultRecorder() {
    LeadKit kit = LeadKit.builder().clock(clock).stores(InMemory.stores()).build();
    assertThat(kit.dispatch().sent()).isZero();
  }
}
