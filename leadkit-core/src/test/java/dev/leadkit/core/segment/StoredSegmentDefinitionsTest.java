package dev.leadkit.core.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.DefinitionConflictException;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.StoredDefinition;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.testkit.RefusingDefinitionStores;
import dev.leadkit.core.segment.json.SegmentJson;
import dev.leadkit.core.time.ManualClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Segment definitions published to the stores' definition store and loaded by other engines. */
class StoredSegmentDefinitionsTest {
  private static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

  private final ManualClock clock = ManualClock.at(T0);
  private final Stores stores = InMemory.stores();
  private final DefinitionStore definitions = stores.port(DefinitionStore.class).orElseThrow();

  private SegmentsPlugin engine(Stores on) {
    SegmentsPlugin segments = SegmentsPlugin.inMemory();
    LeadKit.builder().clock(clock).stores(on).install(segments).build();
    return segments;
  }

  private static SegmentDefinition it() {
    return SegmentDefinition.parse("it", "IT", "industry = \"it\"");
  }

  @Test
  void aDefinitionIsStoredAsJsonAndVersionedOnlyWhenItsContentChanges() {
    SegmentsPlugin segments = engine(stores);
    segments.define(it());
    segments.define(it());
    StoredDefinition v1 = definitions.latest(DefinitionStore.SEGMENT, "it").orElseThrow();
    assertThat(v1.version()).isEqualTo(1);
    assertThat(SegmentJson.read(v1.json())).isEqualTo(it());
    assertThat(v1.publishedAt()).isEqualTo(T0);

    SegmentDefinition changed = SegmentDefinition.parse("it", "IT", "industry = \"software\"");
    segments.define(changed);
    assertThat(definitions.latest(DefinitionStore.SEGMENT, "it").orElseThrow().version())
        .isEqualTo(2);
    assertThat(SegmentJson.read(definitions.find(DefinitionStore.SEGMENT, "it", 2).orElseThrow()
        .json())).isEqualTo(changed);
  }

  @Test
  void aSegmentDefinedOnOneEngineIsDefinedOnAnotherSharingTheStores() {
    SegmentsPlugin a = engine(stores);
    LeadKit kitA = LeadKit.builder().clock(clock).stores(stores).build(); // leads for the check
    a.define(it());
    SegmentsPlugin b = engine(stores);
    // loaded when installed
    assertThat(b.definition(SegmentId.of("it"))).contains(it());
    // and a later definition once the revision changed
    a.define(SegmentDefinition.parse("it-hot", "IT and hot", "in segment \"it\" and"
        + " stage at least mql"));
    assertThat(b.definition(SegmentId.of("it-hot"))).isEmpty(); // not looked yet
    assertThat(b.definitions()).extracting(SegmentDefinition::id)
        .containsExactly(SegmentId.of("it"), SegmentId.of("it-hot"));
    // membership is shared: what engine a evaluated, engine b answers
    Lead lead = kitA.upsertLead(LeadInput.email("x@example.com")
        .attribute(AttributeKey.INDUSTRY, "it").build()).lead();
    a.evaluate(SegmentId.of("it"));
    assertThat(b.isMember(SegmentId.of("it"), lead.id())).isTrue();
  }

  @Test
  void anotherEnginesDefinitionArrivesWithTheNextDueRun() {
    SegmentsPlugin a = engine(stores);
    SegmentsPlugin b = SegmentsPlugin.inMemory();
    LeadKit kitB = LeadKit.builder().clock(clock).stores(stores).install(b).build();
    a.define(it());
    assertThat(b.definition(SegmentId.of("it"))).isEmpty();
    kitB.runDue();
    assertThat(b.definition(SegmentId.of("it"))).contains(it());
  }

  @Test
  void aDefinitionReferencingAnUnknownSegmentIsRefusedAndNotStored() {
    SegmentsPlugin segments = engine(stores);
    segments.define(it());
    List<StoredDefinition> before = definitions.all(DefinitionStore.SEGMENT);
    long revision = definitions.revision();
    assertThatThrownBy(() -> segments.define(SegmentDefinition.parse("bad", "Bad",
        "in segment \"x\"")))
        .isInstanceOf(UnknownSegmentException.class).hasMessageContaining("\"x\"");
    assertThat(definitions.all(DefinitionStore.SEGMENT)).isEqualTo(before);
    assertThat(definitions.revision()).isEqualTo(revision);
    assertThat(segments.definition(SegmentId.of("bad"))).isEmpty();
  }

  @Test
  void aDefinitionTheStoreRefusesIsNotDefined() {
    Stores conflicting = new RefusingDefinitionStores(stores);
    SegmentsPlugin segments = engine(conflicting);
    assertThatThrownBy(() -> segments.define(it()))
        .isInstanceOf(DefinitionConflictException.class);
    assertThat(segments.definition(SegmentId.of("it"))).isEmpty();
    assertThat(definitions.all(DefinitionStore.SEGMENT)).isEmpty();
  }
}
