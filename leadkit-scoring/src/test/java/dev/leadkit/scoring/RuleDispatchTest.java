package dev.leadkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.scoring.json.ScoringJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The compiled model's shortcuts (rules found through a per-type URL path table, counters only
 * for capped rules, precomputed decay factors) against the plain definitions.
 */
class RuleDispatchTest {
  private static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");
  private static final LeadId LEAD = LeadId.of("lead-1");
  private static final TouchpointType[] TYPES = {TouchpointType.PAGE_VIEW,
      TouchpointType.EMAIL_CLICKED, TouchpointType.FORM_SUBMITTED};
  private static final String[] PATTERNS = {"/", "/products/**", "/products", "/products/erp/**",
      "/products/erp", "/**", "/pricing/**", "/pricing", "/a/b/**", "/products/*", "/pro?ucts/**",
      "products", "https://example.co.jp/", "/pricing/**/x"};
  private static final String[] URLS = {"/", "", "/products", "/products/", "/products/erp",
      "/products/erp/features?x=1", "/productsx", "/pricing#top", "/pricing/enterprise",
      "https://example.co.jp", "https://example.co.jp/", "https://example.co.jp/products/erp",
      "http://a.b:8080?q=/products/x", "products", "/a/b", "/a/b/c/d", "/pricing/a/x",
      "mailto:x", "/PRODUCTS/erp"};

  /** A generated rule: types (index 3 = any), the kind of condition and its pattern. */
  record RuleSpec(int type, int condition, int pattern) {
    TouchpointFilter filter() {
      TouchpointFilter f = type == 3 ? TouchpointFilter.any() : TouchpointFilter.of(TYPES[type]);
      return switch (condition) {
        case 0 -> f;
        case 1, 2, 3 -> f.url(PATTERNS[pattern]);
        case 4 -> f.url(PATTERNS[pattern]).property(PropertyKey.CAMPAIGN, "spring");
        default -> f.propertyMatches(PropertyKey.CAMPAIGN, "spr*");
      };
    }
  }

  /** A generated touchpoint: type, URL (index URLS.length = none) and campaign. */
  record TouchSpec(int type, int url, boolean campaign) {
    Touchpoint touchpoint(int minutes) {
      Touchpoint.Builder b = Touchpoint.forLead(LEAD, TYPES[type],
          T0.plus(Duration.ofMinutes(minutes)));
      if (url < URLS.length) {
        b.url(URLS[url]);
      }
      if (campaign) {
        b.property(PropertyKey.CAMPAIGN, "spring");
      }
      return b.build();
    }
  }

  @Provide
  Arbitrary<List<RuleSpec>> rules() {
    Arbitrary<RuleSpec> rule = Combinators.combine(Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(0, PATTERNS.length - 1)).as(RuleSpec::new);
    // up to 80 rules: a type with more than 64 rules takes the plain loop
    return Arbitraries.oneOf(rule.list().ofMinSize(1).ofMaxSize(12),
        rule.list().ofMinSize(60).ofMaxSize(80));
  }

  @Provide
  Arbitrary<List<TouchSpec>> touches() {
    return Combinators.combine(Arbitraries.integers().between(0, TYPES.length - 1),
        Arbitraries.integers().between(0, URLS.length), Arbitraries.of(true, false))
        .as(TouchSpec::new).list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 300)
  void theRulesThatScoreAreExactlyThoseWhoseFilterMatches(
      @ForAll("rules") List<RuleSpec> specs, @ForAll("touches") List<TouchSpec> touches) {
    ScoringModel.Builder b = ScoringModel.custom("m");
    for (int i = 0; i < specs.size(); i++) {
      b.behaviour("r" + i, specs.get(i).filter(), i + 1);
    }
    ScoringModel model = b.build();
    CompiledModelImpl compiled = (CompiledModelImpl) model.compile();
    ScoreState s = compiled.newState(LEAD);
    double expectedTotal = 0;
    for (int i = 0; i < touches.size(); i++) {
      Touchpoint t = touches.get(i).touchpoint(i);
      List<Integer> expected = new ArrayList<>();
      for (int r = 0; r < specs.size(); r++) {
        if (model.behaviour().get(r).filter().matches(t)) {
          expected.add(r);
          expectedTotal += r + 1;
        }
      }
      List<Integer> scored = new ArrayList<>();
      compiled.apply(s, t, (rule, tp, given, cap) -> scored.add(rule));
      assertThat(scored).as("%s", t).isEqualTo(expected);
    }
    assertThat(s.positive()).isEqualTo(expectedTotal);
  }

  private static Touchpoint view(String url, Instant at) {
    return Touchpoint.forLead(LEAD, TouchpointType.PAGE_VIEW, at).url(url).build();
  }

  @Test
  void cappedAndUncappedRulesMixInOneModel() {
    ScoringModel model = ScoringModel.custom("engagement")
        .behaviour("products", TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/products/**"),
            3)
        .behaviour("home", TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/"), 1,
            Caps.none().perDay(1))
        .behaviour("pricing", TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/pricing"), 4,
            Caps.none().maxPoints(10))
        .behaviour("form", TouchpointFilter.of(TouchpointType.FORM_SUBMITTED), 10,
            Caps.oncePerLead())
        .behaviour("anything", TouchpointFilter.any(), 0.5)
        .build();
    CompiledModelImpl m = (CompiledModelImpl) model.compile();
    List<Touchpoint> history = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      history.add(view("/", T0.plusSeconds(i)));
    }
    for (int i = 0; i < 4; i++) {
      history.add(view("/pricing", T0.plusSeconds(10 + i)));
    }
    for (int i = 0; i < 2; i++) {
      history.add(Touchpoint.forLead(LEAD, TouchpointType.FORM_SUBMITTED, T0.plusSeconds(20 + i))
          .build());
      history.add(view("/products/erp", T0.plusSeconds(30 + i)));
    }
    history.add(view("/", T0.plus(Duration.ofDays(1))));

    ScoreState s = m.newState(LEAD);
    List<String> caps = new ArrayList<>();
    for (Touchpoint t : history) {
      m.apply(s, t, (rule, tp, given, cap) -> caps.add(
          model.behaviour().get(rule).id() + ":" + given + (cap == null ? "" : "/" + cap)));
    }
    assertThat(caps).containsExactly(
        "home:1.0", "anything:0.5", "home:0.0/day", "anything:0.5", "home:0.0/day",
        "anything:0.5",
        "pricing:4.0", "anything:0.5", "pricing:4.0", "anything:0.5", "pricing:2.0/max",
        "anything:0.5", "pricing:0.0/max", "anything:0.5",
        "form:10.0", "anything:0.5", "products:3.0", "anything:0.5",
        "form:0.0/once", "anything:0.5", "products:3.0", "anything:0.5",
        "home:1.0", "anything:0.5");
    // no decay: 1 + 10 (pricing) + 10 (form) + 6 (products) + 1 (home, next day) + 12 x 0.5
    assertThat(s.positive()).isEqualTo(34.0);

    long day0 = Math.floorDiv(T0.toEpochMilli(), 86_400_000L);
    long week0 = Math.floorDiv(day0 + 3, 7);
    ScoreState.RuleCounter empty = new ScoreState.RuleCounter(ScoreState.NEVER, 0,
        ScoreState.NEVER, 0, 0, 0.0);
    assertThat(s.rules()).containsExactly(
        empty,
        new ScoreState.RuleCounter(day0 + 1, 1, week0, 2, 2, 2.0),
        new ScoreState.RuleCounter(day0, 3, week0, 3, 3, 10.0),
        new ScoreState.RuleCounter(day0, 1, week0, 1, 1, 10.0),
        empty);

    ScoreState replayed = m.replay(LEAD, 0, history, T0.plus(Duration.ofDays(1)));
    assertThat(replayed.positive()).isEqualTo(s.positive());
    assertThat(replayed.rules()).isEqualTo(s.rules());
    ScoreState read = ScoringJson.state(ScoringJson.state(replayed));
    assertThat(read.sameContent(replayed)).isTrue();
    // a restored state keeps counting where it left off
    m.apply(read, view("/pricing", T0.plus(Duration.ofDays(2))),
        (rule, tp, given, cap) -> caps.add("after:" + given + "/" + cap));
    assertThat(caps).endsWith("after:0.0/max", "after:0.5/null");
  }

  @Test
  void aModelWithoutCapsKeepsNoCounters() {
    CompiledModelImpl m = (CompiledModelImpl) ScoringModel.custom("engagement")
        .behaviour("products", TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/products/**"),
            3)
        .build().compile();
    ScoreState s = m.newState(LEAD);
    m.apply(s, view("/products/a", T0));
    assertThat(s.positive()).isEqualTo(3.0);
    assertThat(s.counters).isNull();
    ScoreState restored = ScoringJson.state(ScoringJson.state(s));
    assertThat(restored.counters).isNull();
    assertThat(restored.sameContent(s)).isTrue();
  }

  @Test
  void precomputedDecayFactorsEqualTheFormula() {
    CompiledModel m = ScoringModel.custom("engagement")
        .behaviour("any", TouchpointFilter.any(), 100)
        .decay(Decay.halfLife(Duration.ofDays(7)))
        .build().compile();
    ScoreState s = m.newState(LEAD);
    m.apply(s, Touchpoint.forLead(LEAD, TouchpointType.PAGE_VIEW, T0).build());
    // whole UTC days after T0's day, inside and beyond the precomputed table
    long day0 = Math.floorDiv(T0.toEpochMilli(), 86_400_000L);
    for (long steps = 0; steps <= 3000; steps += steps < 1030 ? 1 : 97) {
      long at = (day0 + steps) * 86_400_000L + 3_600_000L;
      double expected = 100 * StrictMath.pow(2.0, -(double) steps / 7.0);
      assertThat(m.valueAt(s, at)).as("%d days", steps).isEqualTo(expected);
    }
  }
}
