package dev.leadkit.core.predicate;

import dev.leadkit.core.Vocabulary;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.predicate.Predicate.AttributeTest;
import dev.leadkit.core.predicate.Predicate.Comparison;
import dev.leadkit.core.predicate.Predicate.Operand;
import dev.leadkit.core.predicate.Predicate.Window;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random predicates, leads and histories for the property tests. */
public final class PredicateArbitraries {
  public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  public static final LeadId LEAD = LeadId.of("lead-1");

  public static final List<AttributeKey> KEYS = List.of(AttributeKey.INDUSTRY, AttributeKey.ROLE,
      AttributeKey.COMPANY_SIZE, AttributeKey.RENEWAL_DATE, AttributeKey.TITLE,
      AttributeKey.INTEREST, AttributeKey.of("signup_at"), AttributeKey.of("stage"),
      AttributeKey.of("vip"));
  public static final List<String> TEXTS = List.of("it", "manufacturing", "retail", "Sales Manager",
      "decision_maker", "a\"b\\c\n", "日本語", "erp", "Manager");
  public static final List<TouchpointType> TYPES = List.of(TouchpointType.PAGE_VIEW,
      TouchpointType.EMAIL_CLICKED, TouchpointType.EVENT_ATTENDED, TouchpointType.of("custom.x"));
  public static final List<String> URLS = List.of("/pricing", "/pricing/erp",
      "https://acme.example/pricing/crm?x=1", "/products/erp/a/b", "/about", "http://x.y",
      "/a*b", "/p/icing", "/products/erp#top");
  public static final List<String> GLOBS = List.of("/pricing/**", "/pricing/*", "/products/**/b",
      "/p?icing", "**", "/about", "*", "https://acme.example/**", "/a\\*b", "/products/erp/**");
  public static final List<String> CAMPAIGNS = List.of("spring", "autumn");
  /**
   * Values of the {@code seconds} property: numbers at and around the compared values, with
   * trailing zeros, leading zeros, negative, and text that is not a number.
   */
  public static final List<String> SECONDS = List.of("0", "30", "59", "60", "60.0", "060",
      "60.5", "90", "-1", "1e3", "60s", "", "999999999999999999.999999999999");
  /** Values compared with the {@code seconds} property. */
  public static final List<String> SECOND_LIMITS = List.of("0", "30", "60", "60.5", "-1");
  /** The standard names plus the custom ones above, for engines that define these predicates. */
  public static final Vocabulary VOCABULARY = Vocabulary.custom()
      .attributeKeys(KEYS.toArray(AttributeKey[]::new))
      .touchpointTypes(TYPES.toArray(TouchpointType[]::new))
      .build();

  private PredicateArbitraries() {}

  // ------------------------------------------------------------------ values

  public static Arbitrary<LocalDate> dates() {
    return Arbitraries.integers().between(-200, 200)
        .map(d -> LocalDate.ofInstant(NOW, ZoneOffset.UTC).plusDays(d));
  }

  public static Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(-200L * 86400, 200L * 86400).map(NOW::plusSeconds);
  }

  public static Arbitrary<AttributeValue> numbers() {
    return Arbitraries.of("-5", "0", "250", "300", "1000", "1.5", "300.0")
        .map(x -> AttributeValue.number(new BigDecimal(x)));
  }

  public static Arbitrary<AttributeValue> scalar() {
    return Arbitraries.oneOf(
        Arbitraries.of(TEXTS).map(AttributeValue::text),
        numbers(),
        Arbitraries.of(true, false).map(AttributeValue::bool),
        dates().map(AttributeValue::date),
        instants().map(AttributeValue::instant));
  }

  public static Arbitrary<AttributeValue> anyValue() {
    return Arbitraries.oneOf(scalar(),
        Arbitraries.of(TEXTS).list().ofMinSize(1).ofMaxSize(3).map(AttributeValue::list));
  }

  public static Arbitrary<Operand> orderedOperandOfKind(int kind) {
    return switch (kind) {
      case 0 -> numbers().map(Operand.Literal::new);
      case 1 -> Arbitraries.oneOf(dates().map(d -> new Operand.Literal(AttributeValue.date(d))),
          Arbitraries.integers().between(-200, 200).map(Operand.Today::new));
      default -> instants().map(i -> new Operand.Literal(AttributeValue.instant(i)));
    };
  }

  public static Arbitrary<Operand> operand() {
    return Arbitraries.oneOf(scalar().map(Operand.Literal::new),
        Arbitraries.integers().between(-200, 200).map(Operand.Today::new));
  }

  public static Arbitrary<AttributeTest> attributeTests() {
    return Arbitraries.oneOf(
        Arbitraries.just(new AttributeTest.Exists()),
        Arbitraries.just(new AttributeTest.Missing()),
        operand().map(AttributeTest.Equals::new),
        operand().map(AttributeTest.NotEquals::new),
        scalar().list().ofMinSize(1).ofMaxSize(4).map(AttributeTest.In::new),
        Arbitraries.of("a", "Manager", "er", "日本", "\"").map(AttributeTest.Contains::new),
        Arbitraries.of("Sa", "m", "it", "x").map(AttributeTest.StartsWith::new),
        Arbitraries.integers().between(0, 2).flatMap(k -> Combinators.combine(
            Arbitraries.of(Comparison.class), orderedOperandOfKind(k))
            .as(AttributeTest.Compare::new)),
        Arbitraries.integers().between(0, 2).flatMap(k -> Combinators.combine(
            orderedOperandOfKind(k), orderedOperandOfKind(k)).as(AttributeTest.Between::new)));
  }

  // ------------------------------------------------------------------ behaviour

  public static Arbitrary<PropertyFilter> propertyFilters() {
    return Arbitraries.oneOf(
        Arbitraries.of(GLOBS).map(g -> new PropertyFilter.Matches(PropertyKey.URL, Glob.of(g))),
        Arbitraries.of(CAMPAIGNS).set().ofMinSize(1).ofMaxSize(2)
            .map(s -> new PropertyFilter.OneOf(PropertyKey.CAMPAIGN, s)),
        Arbitraries.of(URLS).set().ofMinSize(1).ofMaxSize(2)
            .map(s -> new PropertyFilter.OneOf(PropertyKey.URL, s)),
        Arbitraries.of(PropertyKey.CAMPAIGN, PropertyKey.URL).map(PropertyFilter.Present::new),
        numberFilters());
  }

  public static Arbitrary<PropertyFilter> numberFilters() {
    return Combinators.combine(Arbitraries.of(PropertyFilter.NumberOp.class),
        Arbitraries.of(SECOND_LIMITS)).as((op, v) -> new PropertyFilter.Compare(
            PropertyKey.SECONDS, op, new java.math.BigDecimal(v)));
  }

  public static Arbitrary<TouchpointFilter> filters() {
    return Combinators.combine(Arbitraries.of(TYPES).set().ofMaxSize(2),
        propertyFilters().list().ofMaxSize(2)).as(TouchpointFilter::new);
  }

  public static Arbitrary<Duration> durations() {
    return Arbitraries.oneOf(Arbitraries.integers().between(1, 120).map(Duration::ofDays),
        Arbitraries.integers().between(1, 48).map(Duration::ofHours),
        Arbitraries.integers().between(1, 5000).map(Duration::ofSeconds));
  }

  public static Arbitrary<Window> windows() {
    return Arbitraries.oneOf(
        Arbitraries.just(new Window.Ever()),
        durations().map(Window.Last::new),
        instants().map(Window.Since::new),
        Combinators.combine(instants(), durations()).as((f, d) -> new Window.Between(f, f.plus(d))),
        dates().map(d -> new Window.Since(d.atStartOfDay(ZoneOffset.UTC).toInstant())));
  }

  public static Arbitrary<Predicate> touchCounts() {
    return Combinators.combine(filters(), windows(), Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(-1, 4)).filter((f, w, min, span) -> min > 0 || span >= 0)
        .as((f, w, min, span) -> new Predicate.TouchCount(f, w, min,
            span < 0 ? OptionalInt.empty() : OptionalInt.of(min + span)));
  }

  public static Arbitrary<Predicate> lastTouches() {
    return Combinators.combine(filters(), Arbitraries.of(Predicate.Recency.class), durations())
        .as(Predicate.LastTouch::new);
  }

  // ------------------------------------------------------------------ predicates

  public static Arbitrary<Predicate> leaves() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(Predicate.Constant::new)),
        net.jqwik.api.Tuple.of(6, Combinators.combine(Arbitraries.of(KEYS), attributeTests())
            .as(Predicate.Attribute::new)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(LifecycleStage.class).set().ofMinSize(1)
            .ofMaxSize(3).map(Predicate.StageIn::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(LifecycleStage.class)
            .map(Predicate.StageAtLeast::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.of("engagement", "fit",
            "weird model"), Arbitraries.of(Comparison.class),
            Arbitraries.of(-1.5, 0.0, 5.0, 20.0, 19.99, 1e-7, 123456789.25))
            .as(Predicate.ScoreCompare::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of("engagement", "fit"),
            Arbitraries.of("A", "B", "C").set().ofMinSize(1)).as(Predicate.ScoreBand::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(Channel.EMAIL,
            Channel.of("web-push")), Arbitraries.of(ConsentStatus.class).optional())
            .as(Predicate.ConsentIs::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("rep-1", "rep-2", "rep-3").map(OwnerId::of)
            .set().ofMinSize(1).map(Predicate.OwnerIn::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Predicate.HasOwner())),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("l1", "l2").map(l -> new Predicate.InList(
            ListId.of(l)))),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("s1", "s2").map(s -> new Predicate.InSegment(
            SegmentId.of(s)))),
        net.jqwik.api.Tuple.of(5, touchCounts()),
        net.jqwik.api.Tuple.of(2, lastTouches()));
  }

  public static Arbitrary<Predicate> predicates() {
    return predicates(3);
  }

  public static Arbitrary<Predicate> predicates(int depth) {
    if (depth == 0) {
      return leaves();
    }
    Arbitrary<Predicate> sub = Arbitraries.lazy(() -> predicates(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, leaves()),
        net.jqwik.api.Tuple.of(2, sub.list().ofMinSize(2).ofMaxSize(3).map(Predicate.And::new)),
        net.jqwik.api.Tuple.of(2, sub.list().ofMinSize(2).ofMaxSize(3).map(Predicate.Or::new)),
        net.jqwik.api.Tuple.of(1, sub.map(Predicate.Not::new)));
  }

  // ------------------------------------------------------------------ leads and histories

  public static Arbitrary<Lead> leads() {
    Arbitrary<Map<AttributeKey, AttributeValue>> attrs = Arbitraries.maps(Arbitraries.of(KEYS),
        anyValue()).ofMaxSize(6);
    Arbitrary<Optional<Score>> engagement = Combinators.combine(
        Arbitraries.of(-1.5, 0.0, 5.0, 20.0, 19.99, 25.0, 1e-7),
        Arbitraries.of("A", "B", "C").optional()).as((v, b) -> new Score(v, NOW, b)).optional();
    Arbitrary<Optional<Score>> fit = Arbitraries.of(0.0, 20.0, 123456789.25)
        .map(v -> Score.of(v, NOW)).optional();
    Arbitrary<Optional<ConsentStatus>> consent = Arbitraries.of(ConsentStatus.class).optional();
    Arbitrary<Optional<OwnerId>> owner = Arbitraries.of("rep-1", "rep-2").map(OwnerId::of)
        .optional();
    return Combinators.combine(attrs, Arbitraries.of(LifecycleStage.class), engagement, fit,
        consent, owner).as((a, stage, eng, ft, cs, ow) -> {
          Map<String, Score> scores = new HashMap<>();
          eng.ifPresent(s -> scores.put("engagement", s));
          ft.ifPresent(s -> scores.put("fit", s));
          Map<Channel, ConsentRecord> consents = new HashMap<>();
          cs.ifPresent(s -> consents.put(Channel.EMAIL, new ConsentRecord(Channel.EMAIL, s,
              "test", NOW)));
          return new Lead(LEAD, EmailAddress.parse("lead@example.com"), Attributes.of(a), stage,
              List.of(), consents, ow, scores, NOW, NOW, 1);
        });
  }

  public record TouchSpec(TouchpointType type, long offset, Optional<String> url,
      Optional<String> campaign, Optional<String> seconds) {}

  public static Arbitrary<List<Touchpoint>> histories() {
    Arbitrary<TouchSpec> spec = Combinators.combine(Arbitraries.of(TYPES),
        Arbitraries.longs().between(-200L * 86400, 5L * 86400),
        Arbitraries.of(URLS).optional(0.8), Arbitraries.of(CAMPAIGNS).optional(0.4),
        Arbitraries.of(SECONDS).optional(0.5))
        .as(TouchSpec::new);
    return spec.list().ofMaxSize(12).map(specs -> {
      List<Touchpoint> out = new ArrayList<>();
      for (int i = 0; i < specs.size(); i++) {
        TouchSpec s = specs.get(i);
        Touchpoint.Builder b = Touchpoint.forLead(LEAD, s.type(), NOW.plusSeconds(s.offset()))
            .id("t" + i);
        s.url().ifPresent(b::url);
        s.campaign().ifPresent(c -> b.property(PropertyKey.CAMPAIGN, c));
        s.seconds().ifPresent(v -> b.property(PropertyKey.SECONDS, v));
        out.add(b.build());
      }
      return out;
    });
  }

  public static Arbitrary<Set<ListId>> lists() {
    return Arbitraries.of("l1", "l2").map(ListId::of).set();
  }

  public static Arbitrary<Set<SegmentId>> segments() {
    return Arbitraries.of("s1", "s2").map(SegmentId::of).set();
  }
}
