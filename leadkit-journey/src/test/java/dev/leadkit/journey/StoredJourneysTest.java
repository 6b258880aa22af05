package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.StoredDefinition;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.segment.UnknownSegmentException;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.journey.json.JourneyJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Journey versions published to the stores' definition store and used by other engines. */
class StoredJourneysTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");
  private final Stores stores = InMemory.stores();
  private final DefinitionStore definitions = stores.port(DefinitionStore.class).orElseThrow();

  private record Node(LeadKit kit, Journeys journeys, SegmentsPlugin segments) {}

  private Node node() {
    Journeys journeys = Journeys.builder().build();
    SegmentsPlugin segments = SegmentsPlugin.inMemory();
    LeadKit kit = LeadKit.builder().clock(clock).stores(stores).mailer(new RecordingMailer())
        .install(segments).install(journeys).build();
    return new Node(kit, journeys, segments);
  }

  private static Journey welcome(String template) {
    return Journey.builder("welcome").send("hello", template).build();
  }

  @Test
  void aPublishedVersionIsStoredAsJsonUnderItsVersion() {
    Node a = node();
    a.journeys().publish(welcome("tpl-hello"));
    StoredDefinition d = definitions.latest(DefinitionStore.JOURNEY, "welcome").orElseThrow();
    assertThat(d.version()).isEqualTo(1);
    assertThat(JourneyJson.read(d.json())).isEqualTo(welcome("tpl-hello"));
    a.journeys().publish(welcome("tpl-hello")); // identical: nothing new
    assertThat(definitions.revision()).isEqualTo(1);
  }

  @Test
  void aJourneyPublishedOnOneEngineEnrolsOnAnother() {
    Node a = node();
    Node b = node();
    a.journeys().publish(welcome("tpl-hello"));
    Lead lead = b.kit().upsertLead(LeadInput.email("x@example.com")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "test").build()).lead();
    assertThat(b.journeys().enrol(JourneyId.of("welcome"), lead.id(), "api").accepted()).isTrue();
    assertThat(b.journeys().journey(JourneyId.of("welcome"))).contains(welcome("tpl-hello"));
  }

  @Test
  void versionsPublishedBeforeInstallationAreStoredWhenTheEngineIsBuilt() {
    Journeys journeys = Journeys.builder().build();
    journeys.publish(welcome("tpl-early"));
    LeadKit.builder().clock(clock).stores(stores).install(journeys).build();
    assertThat(definitions.find(DefinitionStore.JOURNEY, "welcome", 1)).isPresent();
  }

  @Test
  void aJourneyTriggeredByAnUnknownSegmentIsRefusedAndNotStored() {
    Node a = node();
    a.journeys().publish(welcome("tpl-hello"));
    List<StoredDefinition> before = definitions.all(DefinitionStore.JOURNEY);
    Journey j = Journey.builder("hot").trigger(Trigger.segmentEntered(SegmentId.of("hot")))
        .send("mail", "tpl-hot").build();
    assertThatThrownBy(() -> a.journeys().publish(j))
        .isInstanceOf(UnknownSegmentException.class).hasMessageContaining("\"hot\"")
        .hasMessageContaining("journey \"hot\" version 1 trigger");
    assertThat(definitions.all(DefinitionStore.JOURNEY)).isEqualTo(before);
    assertThat(a.journeys().journey(JourneyId.of("hot"))).isEmpty();

    // defined on another engine: accepted here
    node().segments().define(SegmentDefinition.parse("hot", "Hot", "industry = \"it\""));
    a.journeys().publish(j);
    assertThat(definitions.find(DefinitionStore.JOURNEY, "hot", 1)).isPresent();
  }

  @Test
  void aJourneyBranchingOnAnUnknownSegmentIsRefusedAndNotStored() {
    Node a = node();
    Journey j = Journey.builder("branchy")
        .branch("b", PredicateText.parse("in segment \"nope\""), "yes", "no")
        .send("yes", "tpl-yes").end()
        .send("no", "tpl-no").build();
    assertThatThrownBy(() -> a.journeys().publish(j))
        .isInstanceOf(UnknownSegmentException.class).hasMessageContaining("\"nope\"")
        .hasMessageContaining("step \"b\"");
    assertThat(definitions.all(DefinitionStore.JOURNEY)).isEmpty();
  }

  @Test
  void aJourneyUsingAnUnpublishedStreamIsRefusedAndNotStored() {
    Node a = node();
    Journey j = Journey.builder("education").stream("s", StreamId.of("edu")).build();
    assertThatThrownBy(() -> a.journeys().publish(j))
        .isInstanceOf(InvalidJourneyException.class).hasMessageContaining("\"edu\"");
    assertThat(definitions.all(DefinitionStore.JOURNEY)).isEmpty();
    assertThat(definitions.revision()).isZero();
  }

  @Test
  void aVersionPublishedElsewhereWithOtherContentIsRefusedAndTheStoredOneKept() {
    Node a = node();
    Node b = node();
    a.journeys().publish(welcome("tpl-a"));
    List<StoredDefinition> before = definitions.all(DefinitionStore.JOURNEY);
    assertThatThrownBy(() -> b.journeys().publish(welcome("tpl-b")))
        .isInstanceOf(JourneyVersionConflictException.class);
    assertThat(definitions.all(DefinitionStore.JOURNEY)).isEqualTo(before);
    assertThat(b.journeys().journey(JourneyId.of("welcome"))).contains(welcome("tpl-a"));
  }
}
