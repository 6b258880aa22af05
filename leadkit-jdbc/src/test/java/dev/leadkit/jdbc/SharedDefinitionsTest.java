package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.StoredDefinition;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.segment.UnknownSegmentException;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.Trigger;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringPlugin;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two engines on one database and prefix (each with its own {@link JdbcStores}, as if on two
 * nodes) share their definitions: a segment defined on one is defined on the other, a journey
 * published on one enrols on the other, and refused definitions are stored nowhere.
 */
class SharedDefinitionsTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");

  private record Node(JdbcStores stores, LeadKit kit, SegmentsPlugin segments,
      Journeys journeys) {}

  private Node node(Dialect d, String prefix) {
    JdbcStores stores = JdbcStores.builder(TestDatabases.dataSource(d)).dialect(d)
        .tablePrefix(prefix).leadCache(LeadCache.disabled()).build();
    SegmentsPlugin segments = SegmentsPlugin.builder().touchpointCache(false).build();
    Journeys journeys = Journeys.builder().build();
    ScoringPlugin scoring = ScoringPlugin.builder().model(ScoringModel.custom("engagement")
        .behaviour("view", TouchpointFilter.of(TouchpointType.PAGE_VIEW), 1).build()).build();
    LeadKit kit = LeadKit.builder().clock(clock).stores(stores).mailer(new RecordingMailer())
        .install(scoring).install(segments).install(journeys).build();
    return new Node(stores, kit, segments, journeys);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aSegmentDefinedOnOneEngineIsDefinedOnTheOther(Dialect d) {
    String prefix = TestDatabases.emptySchema(d, getClass().getName());
    Node a = node(d, prefix);
    Node b = node(d, prefix);
    SegmentDefinition it = SegmentDefinition.parse("it", "IT", "industry = \"it\"");
    Lead lead = a.kit().upsertLead(LeadInput.email("x@example.com")
        .attribute(AttributeKey.INDUSTRY, "it").build()).lead();
    a.segments().define(it);
    assertThat(b.segments().definition(SegmentId.of("it"))).isEmpty(); // b has not looked yet
    assertThat(b.segments().definitions()).containsExactly(it);
    assertThat(b.segments().definition(SegmentId.of("it"))).contains(it);
    assertThat(b.segments().isMember(SegmentId.of("it"), lead.id())).isTrue();
    // and a third engine started later loads it when built
    assertThat(node(d, prefix).segments().definition(SegmentId.of("it"))).contains(it);
    // the scoring model was stored once, by the first engine
    assertThat(a.stores().definitionStore().all(DefinitionStore.SCORING_MODEL))
        .extracting(StoredDefinition::id, StoredDefinition::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("engagement", 1));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aJourneyPublishedOnOneEngineEnrolsOnTheOther(Dialect d) {
    String prefix = TestDatabases.emptySchema(d, getClass().getName());
    Node a = node(d, prefix);
    Node b = node(d, prefix);
    a.segments().define(SegmentDefinition.parse("it", "IT", "industry = \"it\""));
    a.journeys().publish(Journey.builder("it-welcome")
        .trigger(Trigger.segmentEntered(SegmentId.of("it"))).send("hello", "tpl-hello").build());
    Lead lead = b.kit().upsertLead(LeadInput.email("y@example.com")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "test").build()).lead();
    assertThat(b.journeys().enrol(JourneyId.of("it-welcome"), lead.id(), "api").accepted())
        .isTrue();
    assertThat(a.journeys().enrolments(lead.id())).singleElement()
        .satisfies(e -> assertThat(e.journey()).isEqualTo(JourneyId.of("it-welcome")));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void refusedDefinitionsAreStoredNowhere(Dialect d) {
    String prefix = TestDatabases.emptySchema(d, getClass().getName());
    Node a = node(d, prefix);
    DefinitionStore store = a.stores().definitionStore();
    a.segments().define(SegmentDefinition.parse("it", "IT", "industry = \"it\""));
    List<StoredDefinition> segmentsBefore = store.all(DefinitionStore.SEGMENT);
    long revision = store.revision();
    assertThatThrownBy(() -> a.segments().define(SegmentDefinition.parse("bad", "Bad",
        "in segment \"x\" and industry = \"it\"")))
        .isInstanceOf(UnknownSegmentException.class);
    assertThatThrownBy(() -> a.journeys().publish(Journey.builder("j")
        .branch("b", PredicateText.parse("in segment \"x\""), "s", "s")
        .send("s", "tpl").build()))
        .isInstanceOf(UnknownSegmentException.class);
    assertThat(store.all(DefinitionStore.SEGMENT)).isEqualTo(segmentsBefore);
    assertThat(store.all(DefinitionStore.JOURNEY)).isEmpty();
    assertThat(store.revision()).isEqualTo(revision);
  }
}
