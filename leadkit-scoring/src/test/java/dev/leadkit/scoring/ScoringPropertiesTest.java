package dev.leadkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.identity.Identity;
import dev.leadkit.core.identity.MergeRequest;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ScoringPropertiesTest {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  private static final String[] URLS = {"/", "/products/a", "/request/b", "/careers/c", "/x"};

  /** One generated touch: minutes after T0 and which kind of page or event. */
  record Touch(int minutes, int kind) {}

  @Provide
  Arbitrary<List<Touch>> touches() {
    return Combinators.combine(Arbitraries.integers().between(0, 60 * 24 * 90),
        Arbitraries.integers().between(0, 6)).as(Touch::new).list().ofMaxSize(60);
  }

  @Provide
  Arbitrary<ScoringModel> models() {
    return Arbitraries.of(0, 1, 2, 3, 4).map(decay -> ScoringModel.custom("engagement")
        .behaviour("home", Seed001.HOME, 1, Caps.none().perDay(2))
        .behaviour("product", Seed001.PRODUCT, 3, Caps.none().perWeek(3))
        .behaviour("request", Seed001.REQUEST, 5, Caps.none().maxPoints(12))
        .behaviour("careers", TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/careers/**"),
            -4, Caps.oncePerLead())
        .behaviour("form", TouchpointFilter.of(TouchpointType.FORM_SUBMITTED), 7,
            Caps.oncePerLead().perDay(1))
        .behaviour("anything", TouchpointFilter.any(), 0.5, Caps.none().perDay(3).perWeek(5))
        .decay(switch (decay) {
          case 0 -> Decay.none();
          case 1 -> Decay.halfLife(Duration.ofDays(9));
          case 2 -> Decay.linear(2, Duration.ofDays(5));
          case 3 -> Decay.halfLife(Duration.ofDays(9)).every(Duration.ofMillis(1));
          default -> Decay.linear(2, Duration.ofDays(5)).every(Duration.ofHours(1));
        })
        .threshold(Threshold.at(20).hysteresis(4).coolDown(Duration.ofDays(10)))
        .threshold(Threshold.at(8))
        .bands(Band.digits(20, 10, 5))
        .build());
  }

  static List<Touchpoint> touchpoints(LeadId lead, List<Touch> touches) {
    List<Touchpoint> out = new ArrayList<>();
    for (int i = 0; i < touches.size(); i++) {
      Touch t = touches.get(i);
      Instant at = T0.plus(Duration.ofMinutes(t.minutes()));
      Touchpoint.Builder b = t.kind() == 5
          ? Touchpoint.forLead(lead, TouchpointType.FORM_SUBMITTED, at)
          : t.kind() == 6 ? Touchpoint.forLead(lead, TouchpointType.EMAIL_OPENED, at)
          : Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, at).url(URLS[t.kind()]);
      out.add(b.id(lead.value() + "-" + i).build());
    }
    out.sort(dev.leadkit.core.predicate.TouchpointHistory.ORDER);
    return out;
  }

  record Seen(int index, boolean up, double value, long at) {}

  private static List<Seen> run(CompiledModel m, ScoreState s, List<Touchpoint> ts) {
    List<Seen> seen = new ArrayList<>();
    for (Touchpoint t : ts) {
      m.score(s, t, (i, th, up, v, at) -> seen.add(new Seen(i, up, v, at)));
    }
    return seen;
  }

  @Property(tries = 200)
  void scoringIsDeterministicForTheSameTouchpointSequence(
      @ForAll("models") ScoringModel model, @ForAll("touches") List<Touch> touches) {
    LeadId lead = LeadId.of("a");
    List<Touchpoint> ts = touchpoints(lead, touches);
    CompiledModel m1 = model.compile();
    CompiledModel m2 = ScoringModel.from(model).build().compile();
    ScoreState a = m1.newState(lead);
    ScoreState b = m2.newState(lead);
    List<Seen> ea = run(m1, a, ts);
    List<Seen> eb = run(m2, b, ts);
    assertThat(a.sameContent(b)).isTrue();
    assertThat(ea).isEqualTo(eb);
    Instant later = T0.plus(Duration.ofDays(100));
    assertThat(m1.valueAt(a, later)).isEqualTo(m2.valueAt(b, later));
  }

  @Property(tries = 200)
  void decayIsMonotoneAndNeverRaisesAScore(@ForAll("models") ScoringModel model,
      @ForAll("touches") List<Touch> touches, @ForAll @IntRange(min = 0, max = 2000) int h1,
      @ForAll @IntRange(min = 0, max = 2000) int h2) {
    CompiledModel m = model.compile();
    ScoreState s = m.newState(LeadId.of("a"));
    run(m, s, touchpoints(LeadId.of("a"), touches));
    Instant base = s.asOfInstant().orElse(T0);
    Instant early = base.plus(Duration.ofHours(Math.min(h1, h2)));
    Instant late = base.plus(Duration.ofHours(Math.max(h1, h2)));
    assertThat(m.valueAt(s, late)).isLessThanOrEqualTo(m.valueAt(s, early));
    assertThat(m.valueAt(s, late)).isGreaterThanOrEqualTo(s.fit() + s.negative());
  }

  @Property(tries = 200)
  void capsAreNeverExceeded(@ForAll("models") ScoringModel model,
      @ForAll("touches") List<Touch> touches) {
    CompiledModel m = model.compile();
    LeadId lead = LeadId.of("a");
    List<Touchpoint> ts = touchpoints(lead, touches);
    ScoreExplanation why = m.explain(dev.leadkit.core.predicate.EvaluationInput.of(
        dev.leadkit.core.lead.Lead.create(lead, dev.leadkit.core.lead.EmailAddress.parse(
            "a@example.com"), dev.leadkit.core.lead.Attributes.empty(), T0), ts,
        T0.plus(Duration.ofDays(200))), ts);
    for (BehaviourRule rule : model.behaviour()) {
      Map<LocalDate, Integer> perDay = new HashMap<>();
      Map<String, Integer> perWeek = new HashMap<>();
      int times = 0;
      double given = 0;
      for (ScoreExplanation.Contribution c : why.of(rule.id())) {
        if (c.given() == 0) {
          assertThat(c.cap()).isPresent();
          continue;
        }
        LocalDate day = LocalDate.ofInstant(c.touchedAt(), ZoneOffset.UTC);
        perDay.merge(day, 1, Integer::sum);
        perWeek.merge(day.get(IsoFields.WEEK_BASED_YEAR) + "-"
            + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 1, Integer::sum);
        times++;
        given += c.given();
      }
      Caps caps = rule.caps();
      if (caps.once()) {
        assertThat(times).isLessThanOrEqualTo(1);
      }
      caps.perDay().ifPresent(n -> assertThat(perDay.values()).allMatch(v -> v <= n));
      caps.perWeek().ifPresent(n -> assertThat(perWeek.values()).allMatch(v -> v <= n));
      double g = Math.abs(given);
      caps.maxPoints().ifPresent(p -> assertThat(g).isLessThanOrEqualTo(p + 1e-9));
    }
  }

  @Property(tries = 60)
  void replayEqualsIncrementalScoring(@ForAll("models") ScoringModel model,
      @ForAll("touches") List<Touch> touches, @ForAll @IntRange(min = 1, max = 9) int dueEvery) {
    ManualClock clock = ManualClock.at(T0);
    ScoringPlugin scoring = ScoringPlugin.builder().model(model).build();
    LeadKit kit = LeadKit.builder().clock(clock).install(scoring).build();
    LeadId lead = kit.upsertLead(LeadInput.email("a@example.com").build()).lead().id();
    List<Touchpoint> ts = touchpoints(lead, touches);
    for (int i = 0; i < ts.size(); i++) {
      clock.set(ts.get(i).at());
      if (i % dueEvery == 0) {
        kit.runDue();
      }
      kit.track(ts.get(i));
    }
    clock.set(T0.plus(Duration.ofDays(120)));
    kit.runDue();
    ScoreState incremental = scoring.stateStore().find(lead, "engagement").orElse(null);
    CompiledModel m = scoring.model("engagement");
    ScoreState replayed = m.replay(lead, 0, kit.touchpointLog().findByLead(lead,
        TouchpointQuery.all()), clock.instant());
    if (incremental == null) {
      assertThat(ts).isEmpty();
      return;
    }
    assertThat(incremental.sameContent(replayed))
        .as("%s vs %s", incremental, replayed).isTrue();
    scoring.rescore(lead);
    assertThat(scoring.stateStore().find(lead, "engagement").orElseThrow()
        .sameContent(replayed)).isTrue();
  }

  @Property(tries = 60)
  void mergeRescoringEqualsScoringTheUnion(@ForAll("models") ScoringModel model,
      @ForAll("touches") List<Touch> first, @ForAll("touches") List<Touch> second) {
    ManualClock clock = ManualClock.at(T0.plus(Duration.ofDays(100)));
    Identity identity = Identity.ofDefaults();
    ScoringPlugin scoring = ScoringPlugin.builder().model(model).build();
    LeadKit kit = LeadKit.builder().clock(clock).install(identity).install(scoring).build();
    LeadId survivor = kit.upsertLead(LeadInput.email("a@example.com").build()).lead().id();
    LeadId merged = kit.upsertLead(LeadInput.email("b@example.com").build()).lead().id();
    List<Touchpoint> a = touchpoints(survivor, first);
    List<Touchpoint> b = touchpoints(merged, second);
    kit.trackAll(a);
    kit.trackAll(b);
    CompiledModel m = scoring.model("engagement");
    // a batch for a new lead is scored once, as a replay of it would be
    scoring.stateStore().find(survivor, "engagement").ifPresent(s -> assertThat(s.sameContent(
        m.replay(survivor, 0, a, clock.instant()))).isTrue());

    identity.merge(MergeRequest.of(survivor, merged, "test", "same person").forced());

    List<Touchpoint> union = new ArrayList<>(a);
    b.forEach(t -> union.add(t.withLead(survivor)));
    ScoreState expected = m.replay(survivor, 0, union, clock.instant());
    ScoreState actual = scoring.stateStore().find(survivor, "engagement").orElseThrow();
    assertThat(actual.sameContent(expected)).isTrue();
    assertThat(scoring.stateStore().find(merged, "engagement")).isEmpty();
    assertThat(kit.require(survivor).score("engagement").orElseThrow().value())
        .isEqualTo(m.valueAt(expected, clock.instant()));
  }
}
