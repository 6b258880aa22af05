package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.DefinitionConflictException;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import org.junit.jupiter.api.Test;
import dev.leadkit.core.testkit.RefusingDefinitionStores;

/** A journey version the definition store refuses is not published on the engine either. */
class RefusedByStoreTest {
  @Test
  void aVersionTheStoreRefusesIsNotPublishedAndTheEngineKeepsWorking() {
    Stores base = InMemory.stores();
    ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");
    Journeys journeys = Journeys.builder().build();
    LeadKit kit = LeadKit.builder().clock(clock).stores(new RefusingDefinitionStores(base))
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
}
