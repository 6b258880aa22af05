package dev.leadkit.core.predicate;

import static dev.leadkit.core.predicate.Predicates.attribute;
import static dev.leadkit.core.predicate.Predicates.score;
import static dev.leadkit.core.predicate.Predicates.touchpoints;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.predicate.json.PredicateJson;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seeds' segment examples, each written as fluent Java, text and JSON, then evaluated. */
class SeedExamplesTest {
  static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
  static final LeadId ID = LeadId.of("lead-1");

  static Lead lead(Map<AttributeKey, AttributeValue> attrs, Map<String, Score> scores) {
    Lead l = Lead.create(ID, EmailAddress.parse("tanaka@example.co.jp"), Attributes.of(attrs),
        NOW.minus(Duration.ofDays(500)));
    for (var e : scores.entrySet()) {
      l = l.withScore(e.getKey(), e.getValue());
    }
    return l;
  }

  static Lead plain() {
    return lead(Map.of(), Map.of());
  }

  static Touchpoint booth(String event, Instant at) {
    return Touchpoint.forLead(ID, TouchpointType.EVENT_ATTENDED, at)
        .property(PropertyKey.EVENT, event).build();
  }

  static Touchpoint view(String url, Duration ago) {
    return Touchpoint.forLead(ID, TouchpointType.PAGE_VIEW, NOW.minus(ago)).url(url).build();
  }

  static void sameInAllThreeForms(Predicate fluent, String text, String json) {
    assertThat(PredicateText.parse(text)).isEqualTo(fluent);
    assertThat(PredicateJson.read(json)).isEqualTo(fluent);
    assertThat(fluent.toText()).isEqualTo(text);
  }

  static boolean test(Predicate p, Lead lead, List<Touchpoint> history) {
    return p.compile().test(EvaluationInput.of(lead, history, NOW));
  }

  @Test
  void boothVisitorsAtLastYearsExhibitionWhoViewedTheSiteInTheLastMonth() {
    Predicate fluent = touchpoints(TouchpointType.EVENT_ATTENDED).event("expo-2025")
        .onDays(LocalDate.parse("2025-10-14"), LocalDate.parse("2025-10-16")).atLeast(1)
        .and(touchpoints(TouchpointType.PAGE_VIEW).inLast(Duration.ofDays(30)).atLeast(1));
    String text = "count(event_attended where event = \"expo-2025\", between 2025-10-14 and"
        + " 2025-10-17) >= 1 and count(page_view, last 30d) >= 1";
    String json = """
        {"version": 1, "predicate": {"type": "and", "operands": [
          {"type": "touch_count",
           "filter": {"types": ["event_attended"],
                      "properties": [{"key": "event", "match": "one_of", "values": ["expo-2025"]}]},
           "window": {"kind": "between", "from": "2025-10-14T00:00:00Z", "to": "2025-10-17T00:00:00Z"},
           "min": 1},
          {"type": "touch_count", "filter": {"types": ["page_view"], "properties": []},
           "window": {"kind": "last", "seconds": 2592000}, "min": 1}]}}
        """;
    sameInAllThreeForms(fluent, text, json);

    Touchpoint atBooth = booth("expo-2025", Instant.parse("2025-10-15T03:00:00Z"));
    assertThat(test(fluent, plain(), List.of(atBooth, view("/", Duration.ofDays(3))))).isTrue();
    assertThat(test(fluent, plain(), List.of(atBooth, view("/", Duration.ofDays(31))))).isFalse();
    assertThat(test(fluent, plain(), List.of(booth("expo-2024", Instant.parse(
        "2025-10-15T03:00:00Z")), view("/", Duration.ofDays(3))))).isFalse();
  }

  @Test
  void viewedFiveOrMoreErpPagesInTheLastThreeMonths() {
    Predicate fluent = touchpoints(TouchpointType.PAGE_VIEW).url("/products/erp/**")
        .inLast(Duration.ofDays(90)).atLeast(5);
    String text = "count(page_view where url ~ \"/products/erp/**\", last 90d) >= 5";
    String json = """
        {"version": 1, "predicate": {"type": "touch_count",
          "filter": {"types": ["page_view"],
                     "properties": [{"key": "url", "match": "glob", "pattern": "/products/erp/**"}]},
          "window": {"kind": "last", "seconds": 7776000}, "min": 5}}
        """;
    sameInAllThreeForms(fluent, text, json);

    List<Touchpoint> four = List.of(view("/products/erp", Duration.ofDays(1)),
        view("https://www.example.co.jp/products/erp/pricing?utm_source=mail", Duration.ofDays(10)),
        view("/products/erp/cases/a", Duration.ofDays(20)),
        view("/products/erp/", Duration.ofDays(89)),
        view("/products/crm/erp", Duration.ofDays(2)),
        view("/products/erp/old", Duration.ofDays(91)));
    assertThat(test(fluent, plain(), four)).isFalse();
    assertThat(fluent.compile().explain(EvaluationInput.of(plain(), four, NOW)).text())
        .isEqualTo("count(page_view where url ~ \"/products/erp/**\", last 90d) = 4, needs >= 5");
    List<Touchpoint> five = new java.util.ArrayList<>(four);
    five.add(view("/products/erp/demo", Duration.ofHours(1)));
    assertThat(test(fluent, plain(), five)).isTrue();
  }

  @Test
  void industryAndRoleSegments() {
    Predicate fluent = attribute(AttributeKey.INDUSTRY).in("manufacturing", "it")
        .and(attribute(AttributeKey.ROLE).eq("decision_maker"));
    String text = "industry in (\"manufacturing\", \"it\") and role = \"decision_maker\"";
    String json = """
        {"version": 1, "predicate": {"type": "and", "operands": [
          {"type": "attribute", "key": "industry",
           "test": {"op": "in", "values": [{"text": "manufacturing"}, {"text": "it"}]}},
          {"type": "attribute", "key": "role",
           "test": {"op": "eq", "operand": {"text": "decision_maker"}}}]}}
        """;
    sameInAllThreeForms(fluent, text, json);

    assertThat(test(fluent, lead(Map.of(AttributeKey.INDUSTRY, AttributeValue.text("it"),
        AttributeKey.ROLE, AttributeValue.text("decision_maker")), Map.of()), List.of())).isTrue();
    assertThat(test(fluent, lead(Map.of(AttributeKey.INDUSTRY, AttributeValue.text("retail"),
        AttributeKey.ROLE, AttributeValue.text("decision_maker")), Map.of()), List.of())).isFalse();
    assertThat(test(fluent, lead(Map.of(AttributeKey.INDUSTRY, AttributeValue.text("it")),
        Map.of()), List.of())).isFalse();
  }

  @Test
  void highAndLowScoreBands() {
    Predicate high = score("engagement").atLeast(20);
    sameInAllThreeForms(high, "score(engagement) >= 20", """
        {"version": 1, "predicate": {"type": "score", "model": "engagement", "op": "ge", "value": 20}}
        """);
    Predicate low = score("engagement").below(5);
    sameInAllThreeForms(low, "score(engagement) < 5", """
        {"version": 1, "predicate": {"type": "score", "model": "engagement", "op": "lt", "value": 5}}
        """);
    Predicate bandA = score("engagement").band("A", "B");
    sameInAllThreeForms(bandA, "score(engagement) band in (\"A\", \"B\")", """
        {"version": 1, "predicate": {"type": "score_band", "model": "engagement", "bands": ["A", "B"]}}
        """);

    Lead hot = lead(Map.of(), Map.of("engagement", new Score(23, NOW, Optional.of("A"))));
    Lead cold = lead(Map.of(), Map.of("engagement", new Score(2, NOW, Optional.of("D"))));
    Lead unscored = plain();
    assertThat(List.of(test(high, hot, List.of()), test(high, cold, List.of()),
        test(high, unscored, List.of()))).containsExactly(true, false, false);
    assertThat(List.of(test(low, hot, List.of()), test(low, cold, List.of()),
        test(low, unscored, List.of()))).containsExactly(false, true, false);
    assertThat(List.of(test(bandA, hot, List.of()), test(bandA, cold, List.of())))
        .containsExactly(true, false);
  }
}
