package dev.leadkit.core.predicate;

import static dev.leadkit.core.predicate.Predicates.attribute;
import static dev.leadkit.core.predicate.Predicates.lastTouch;
import static dev.leadkit.core.predicate.Predicates.not;
import static dev.leadkit.core.predicate.Predicates.score;
import static dev.leadkit.core.predicate.Predicates.stage;
import static dev.leadkit.core.predicate.Predicates.touchpoints;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.lead.StageTransitions;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompiledPredicateTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final LeadId ID = LeadId.of("lead-1");

  static Lead lead(Map<AttributeKey, AttributeValue> attrs) {
    return Lead.create(ID, EmailAddress.parse("a@example.com"), Attributes.of(attrs),
        NOW.minus(Duration.ofDays(400)));
  }

  static Touchpoint view(String url, Instant at) {
    return Touchpoint.forLead(ID, TouchpointType.PAGE_VIEW, at).url(url).build();
  }

  @Test
  void pricingViewsAreCountedOnlyInsideTheSlidingWindow() {
    Predicate p = touchpoints(TouchpointType.PAGE_VIEW).url("/pricing/**")
        .inLast(Duration.ofDays(90)).atLeast(3);
    CompiledPredicate c = p.compile();
    List<Touchpoint> h = new ArrayList<>();
    h.add(view("https://acme.example/pricing/erp?utm=x", NOW.minus(Duration.ofDays(10))));
    h.add(view("/pricing", NOW.minus(Duration.ofDays(20))));
    h.add(view("/pricing/crm", NOW.minus(Duration.ofDays(100))));
    h.add(view("/about", NOW.minus(Duration.ofDays(1))));
    EvaluationInput in = EvaluationInput.of(lead(Map.of()), h, NOW);

    assertThat(c.test(in)).isFalse();
    assertThat(c.explain(in).text())
        .isEqualTo("count(page_view where url ~ \"/pricing/**\", last 90d) = 2, needs >= 3");
    h.add(view("/pricing/a", NOW.minus(Duration.ofDays(89))));
    EvaluationInput in2 = EvaluationInput.of(lead(Map.of()), h, NOW);
    assertThat(c.test(in2)).isTrue();
    // the oldest counted view leaves the window first
    assertThat(c.nextChange(in2)).contains(NOW.minus(Duration.ofDays(89)).plus(Duration.ofDays(90)));
  }

  @Test
  void dependenciesTellWhichTouchpointsCanChangeTheResult() {
    PredicateDependencies d = touchpoints(TouchpointType.PAGE_VIEW).url("/pricing/**")
        .inLast(Duration.ofDays(90)).atLeast(5)
        .or(lastTouch(TouchpointType.FORM_SUBMITTED).within(Duration.ofDays(7)))
        .compile().dependencies();
    assertThat(d.touchpointFilters()).hasSize(2);
    assertThat(d.readsTouchpoint(view("/pricing/enterprise", NOW))).isTrue();
    assertThat(d.readsTouchpoint(view("/pricing", NOW))).isTrue();
    assertThat(d.readsTouchpoint(view("/blog/pricing", NOW))).isFalse();
    assertThat(d.readsTouchpoint(Touchpoint.forLead(ID, TouchpointType.FORM_SUBMITTED, NOW)
        .build())).isTrue();
    assertThat(d.readsTouchpoint(Touchpoint.forLead(ID, TouchpointType.EMAIL_CLICKED, NOW)
        .url("/pricing/a").build())).isFalse();
    // the type-only form keeps the type index's answer
    PredicateDependencies byType = new PredicateDependencies(Set.of(), false, Set.of(), false,
        Set.of(), Set.of(), Set.of(), Set.of(TouchpointType.PAGE_VIEW), false, true);
    assertThat(byType.readsTouchpoint(view("/blog", NOW))).isTrue();
    assertThat(byType.readsTouchpoint(Touchpoint.forLead(ID, TouchpointType.FORM_SUBMITTED, NOW)
        .build())).isFalse();
    assertThat(attribute(AttributeKey.INDUSTRY).eq("it").compile().dependencies()
        .readsTouchpoint(view("/pricing", NOW))).isFalse();
  }

  @Test
  void attributeStageAndScoreLeavesReadTheLead() {
    Lead l = lead(Map.of(AttributeKey.INDUSTRY, AttributeValue.text("it"),
        AttributeKey.COMPANY_SIZE, AttributeValue.number(300)))
        .withStage(LifecycleStage.MQL, "t", NOW, StageTransitions.defaults())
        .withScore("engagement", Score.of(25, NOW));
    Predicate p = attribute(AttributeKey.INDUSTRY).in("manufacturing", "it")
        .and(attribute(AttributeKey.COMPANY_SIZE).ge(250))
        .and(stage().atLeast(LifecycleStage.MQL))
        .and(score("engagement").atLeast(20))
        .and(not(score("fit").atLeast(1)));
    EvaluationInput in = EvaluationInput.of(l, List.of(), NOW);
    assertThat(p.compile().test(in)).isTrue();
    assertThat(p.compile().explain(in).matched()).isTrue();
  }

  @Test
  void renewalDateWithinTheNextNinetyDaysIsRelativeToToday() {
    Lead l = lead(Map.of(AttributeKey.RENEWAL_DATE,
        AttributeValue.date(LocalDate.parse("2026-06-15"))));
    CompiledPredicate c = attribute(AttributeKey.RENEWAL_DATE)
        .withinNext(Duration.ofDays(90)).compile();
    assertThat(c.test(EvaluationInput.of(l, List.of(), NOW))).isFalse();
    // enters when today + 90 reaches 2026-06-15, i.e. on 2026-03-17
    assertThat(c.nextChange(EvaluationInput.of(l, List.of(), NOW)))
        .contains(Instant.parse("2026-03-17T00:00:00Z"));
    assertThat(c.test(EvaluationInput.of(l, List.of(), Instant.parse("2026-03-17T00:00:00Z"))))
        .isTrue();
  }

  @Test
  void lastTouchOlderThanNeedsSomeTouch() {
    CompiledPredicate c = lastTouch().olderThan(Duration.ofDays(60)).compile();
    assertThat(c.test(EvaluationInput.of(lead(Map.of()), List.of(), NOW))).isFalse();
    List<Touchpoint> h = List.of(view("/", NOW.minus(Duration.ofDays(61))));
    assertThat(c.test(EvaluationInput.of(lead(Map.of()), h, NOW))).isTrue();
  }
}
