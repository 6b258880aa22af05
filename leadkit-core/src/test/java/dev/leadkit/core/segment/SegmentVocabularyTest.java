package dev.leadkit.core.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.UnknownVocabularyException;
import dev.leadkit.core.Vocabulary;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.segment.json.SegmentJson;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentVocabularyTest {
  static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

  final ManualClock clock = ManualClock.at(T0);
  LeadKit kit;

  SegmentsPlugin engine(Vocabulary vocabulary) {
    SegmentsPlugin segments = SegmentsPlugin.inMemory();
    LeadKit.Builder b = LeadKit.builder().clock(clock).install(segments);
    if (vocabulary != null) {
      b.vocabulary(vocabulary);
    }
    kit = b.build();
    return segments;
  }

  @Test
  void aTypoInTheTextSyntaxIsRefusedWithASuggestionAndDefinesNothing() {
    SegmentsPlugin segments = engine(null);
    assertThatThrownBy(() -> segments.define(SegmentDefinition.parse("pricing", "Pricing",
        "count(page_veiw where url ~ \"/pricing/**\", last 30d) >= 1")))
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessage("unknown touchpoint type \"page_veiw\" in segment \"pricing\"; "
            + "did you mean \"page_view\"?");
    assertThat(segments.definitions()).isEmpty();
    assertThat(segments.definition(SegmentId.of("pricing"))).isEmpty();
  }

  @Test
  void aTypoInJsonIsRefusedWhenTheDefinitionIsRegistered() {
    SegmentsPlugin segments = engine(null);
    String json = SegmentJson.write(SegmentDefinition.parse("it", "IT",
        "industry = \"it\" and count(form_submitted where form = \"demo\", ever) >= 1"));
    SegmentDefinition attributeTypo = SegmentJson.read(json.replace("industry", "indsutry"));
    assertThatThrownBy(() -> segments.define(attributeTypo))
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessageContaining("attribute key \"indsutry\" in segment \"it\"")
        .hasMessageContaining("did you mean \"industry\"?");
    SegmentDefinition propertyTypo = SegmentJson.read(json.replace("\"form\"", "\"from\""));
    assertThatThrownBy(() -> segments.define(propertyTypo))
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessageContaining("property key \"from\"")
        .hasMessageContaining("did you mean \"form\"?");
    assertThat(segments.definitions()).isEmpty();
    // the untouched document is accepted
    segments.define(SegmentJson.read(json));
    assertThat(segments.definition(SegmentId.of("it"))).isPresent();
  }

  @Test
  void aTypoInAFluentDefinitionIsRefused() {
    SegmentsPlugin segments = engine(null);
    SegmentDefinition d = SegmentDefinition.of("spring", "Spring clickers",
        Predicates.touchpoints(TouchpointType.EMAIL_CLICKED)
            .property(PropertyKey.of("campaing"), "spring").inLast(Duration.ofDays(30))
            .atLeast(1));
    UnknownVocabularyException e = (UnknownVocabularyException) org.assertj.core.api.Assertions
        .catchThrowable(() -> segments.define(d));
    assertThat(e.kind()).isEqualTo(Vocabulary.Kind.PROPERTY_KEY);
    assertThat(e.suggestion()).contains("campaign");
    assertThat(segments.definitions()).isEmpty();
  }

  @Test
  void registeredCustomNamesAreAcceptedAndLeadsEnter() {
    SegmentsPlugin segments = engine(Vocabulary.custom()
        .touchpointTypes(TouchpointType.of("webinar_attended"))
        .attributeKeys(AttributeKey.of("plan"))
        .build());
    segments.define(SegmentDefinition.parse("webinar-pro", "Pro webinar guests",
        "plan = \"pro\" and count(webinar_attended, ever) >= 1"));
    LeadId lead = kit.upsertLead(LeadInput.email("a@example.com").attribute(AttributeKey.of("plan"), "pro")
        .build()).lead().id();
    kit.track(Touchpoint.forLead(lead, TouchpointType.of("webinar_attended"), clock.instant())
        .build());
    assertThat(segments.isMember(SegmentId.of("webinar-pro"), lead)).isTrue();
  }

  @Test
  void theLenientModeAcceptsUnknownNames() {
    SegmentsPlugin segments = engine(Vocabulary.custom().lenient().build());
    segments.define(SegmentDefinition.parse("typo", "Typo",
        "count(page_veiw, ever) >= 1 or indsutry = \"it\""));
    assertThat(segments.count(SegmentId.of("typo"))).isZero();
  }

  // ------------------------------------------------------------------ unknown ids

  @Test
  void readingAnUndefinedSegmentThrows() {
    SegmentsPlugin segments = engine(null);
    LeadId lead = LeadId.of("lead-1");
    SegmentId missing = SegmentId.of("nope");
    assertThatThrownBy(() -> segments.count(missing))
        .isInstanceOf(UnknownSegmentException.class).hasMessageContaining("\"nope\"");
    assertThatThrownBy(() -> segments.members(missing, null, 10))
        .isInstanceOf(UnknownSegmentException.class);
    assertThatThrownBy(() -> segments.isMember(missing, lead))
        .isInstanceOf(UnknownSegmentException.class);
    assertThatThrownBy(() -> segments.evaluate(missing))
        .isInstanceOf(UnknownSegmentException.class);
    assertThatThrownBy(() -> segments.explain(missing, lead))
        .isInstanceOf(UnknownSegmentException.class);
  }

  @Test
  void readingAListWithoutMembersThrows() {
    SegmentsPlugin segments = engine(null);
    LeadId lead = kit.upsertLead(LeadInput.email("a@example.com").build()).lead().id();
    ListId vip = ListId.of("vip");
    assertThatThrownBy(() -> segments.lists().size(vip))
        .isInstanceOf(UnknownListException.class).hasMessageContaining("\"vip\"");
    assertThatThrownBy(() -> segments.lists().members(vip, null, 10))
        .isInstanceOf(UnknownListException.class);
    assertThatThrownBy(() -> segments.lists().contains(vip, lead))
        .isInstanceOf(UnknownListException.class);
    // removing from it is idempotent and allowed
    assertThat(segments.lists().remove(vip, List.of(lead))).isZero();

    segments.lists().add(vip, List.of(lead));
    assertThat(segments.lists().size(vip)).isEqualTo(1);
    assertThat(segments.lists().contains(vip, lead)).isTrue();
    assertThat(segments.lists().members(vip, lead, 10)).isEmpty(); // a later page may be empty

    segments.lists().remove(vip, List.of(lead));
    assertThatThrownBy(() -> segments.lists().size(vip))
        .isInstanceOf(UnknownListException.class);
  }
}
