package dev.leadkit.core.segment;

import static dev.leadkit.core.predicate.Predicates.attribute;
import static dev.leadkit.core.predicate.Predicates.touchpoints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.UnknownVocabularyException;
import dev.leadkit.core.Vocabulary;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.predicate.json.PredicateJsonException;
import dev.leadkit.core.segment.json.SegmentJson;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's segment examples, compiled and run so they cannot rot. */
class ReadmeExamplesTest {

  @Test
  void readmeSegmentExampleRuns() {
    ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");
    List<String> log = new ArrayList<>();

    // --- README: segments ---
    SegmentsPlugin segments = SegmentsPlugin.inMemory();
    LeadKit kit = LeadKit.builder().clock(clock).install(segments).build();

    // the same predicate, three ways
    Predicate erp = attribute(AttributeKey.INDUSTRY).in("manufacturing", "it")
        .and(touchpoints(TouchpointType.PAGE_VIEW).url("/products/erp/**")
            .inLast(Duration.ofDays(90)).atLeast(5));
    Predicate parsed = PredicateText.parse("""
        industry in ("manufacturing", "it")
        and count(page_view where url ~ "/products/erp/**", last 90d) >= 5""");
    assert parsed.equals(erp);

    segments.define(new SegmentDefinition(SegmentId.of("erp-hot"), "ERP, hot", erp));
    segments.onEntered(e -> log.add("entered " + e.segment() + " " + e.lead()));
    segments.onExited(e -> log.add("exited " + e.segment() + " at " + e.at()));

    LeadId lead = kit.upsertLead(LeadInput.email("sato@example.co.jp")
        .attribute(AttributeKey.INDUSTRY, "manufacturing").build()).lead().id();
    for (int i = 0; i < 5; i++) {
      kit.track(Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, clock.instant())
          .url("https://www.example.co.jp/products/erp/page-" + i).build());
    }
    System.out.println(segments.explain(SegmentId.of("erp-hot"), lead).render());
    clock.advance(Duration.ofDays(90));
    kit.runDue();                           // the views leave the window: "exited ..."
    // --- end ---

    assertThat(parsed).isEqualTo(erp);
    assertThat(log).containsExactly("entered erp-hot " + lead,
        "exited erp-hot at 2026-06-30T09:00:00Z");
  }

  @Test
  void readmeVocabularyExampleRuns() {
    SegmentsPlugin segments = SegmentsPlugin.inMemory();
    // tag::vocabulary[]
    LeadKit kit = LeadKit.builder()
        .vocabulary(Vocabulary.custom()
            .touchpointTypes(TouchpointType.of("webinar_attended"))
            .attributeKeys(AttributeKey.of("plan"))
            .build())                       // or Vocabulary.custom().lenient().build()
        .install(segments).build();
    // end::vocabulary[]

    // the host's own names are accepted, and leads enter on them
    segments.define(SegmentDefinition.parse("webinar-pro", "Pro plan webinar guests",
        "plan = \"pro\" and count(webinar_attended, last 30d) >= 1"));
    LeadId lead = kit.upsertLead(LeadInput.email("suzuki@example.co.jp")
        .attribute(AttributeKey.of("plan"), "pro").build()).lead().id();
    kit.track(Touchpoint.forLead(lead, TouchpointType.of("webinar_attended"),
        kit.clock().instant()).build());
    assertThat(segments.isMember(SegmentId.of("webinar-pro"), lead)).isTrue();

    // the README's typo is refused with a suggestion, and nothing is defined
    assertThatThrownBy(() -> segments.define(SegmentDefinition.parse("pricing", "Pricing",
        "count(page_veiw, last 30d) >= 1")))
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessage("unknown touchpoint type \"page_veiw\" in segment \"pricing\"; "
            + "did you mean \"page_view\"?");
    assertThat(segments.definition(SegmentId.of("pricing"))).isEmpty();
  }

  @Test
  void segmentDefinitionsRoundTripThroughJson() {
    SegmentDefinition d = SegmentDefinition.parse("idle-60", "No activity in 60 days",
        "count(any, last 60d) = 0 and stage in (engaged, mql)");
    String json = SegmentJson.write(d);
    assertThat(json).startsWith("{\"version\":1,\"id\":\"idle-60\"");
    assertThat(SegmentJson.read(json)).isEqualTo(d);
    assertThatThrownBy(() -> SegmentJson.read(json.replace("\"and\"", "\"nand\"")))
        .isInstanceOf(PredicateJsonException.class)
        .hasMessage("at /predicate/type: unknown predicate type \"nand\"");
  }
}
