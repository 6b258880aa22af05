package dev.leadkit.core.predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.predicate.json.PredicateJson;
import dev.leadkit.core.predicate.json.PredicateJsonException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** One depth limit for the fluent API, the text form and the JSON form. */
class PredicateDepthTest {

  private static final Predicate LEAF = Predicates.stage().is(LifecycleStage.MQL);

  @Test
  void theFormsShareOneLimit() {
    assertThat(PredicateText.MAX_DEPTH).isEqualTo(Predicate.MAX_DEPTH);
    assertThat(PredicateJson.MAX_DEPTH).isEqualTo(Predicate.MAX_DEPTH);
    assertThat(PredicateCompiler.MAX_DEPTH).isEqualTo(Predicate.MAX_DEPTH);
  }

  @Test
  void aTenThousandDeepFluentPredicateIsRefusedWithTheTypedError() {
    Throwable notChain = catchThrowable(() -> {
      Predicate p = LEAF;
      for (int i = 0; i < 10_000; i++) {
        p = p.negate();
      }
    });
    assertThat(notChain).isInstanceOf(PredicateTooDeepException.class)
        .hasMessageContaining("65 levels deep").hasMessageContaining("at most 64");
    assertThat(((PredicateTooDeepException) notChain).depth()).isEqualTo(65);

    Throwable mixed = catchThrowable(() -> {
      Predicate p = LEAF;
      for (int i = 0; i < 10_000; i++) {
        p = i % 2 == 0 ? Predicates.attribute(AttributeKey.ROLE).exists().and(p.or(LEAF))
            : Predicates.not(p).or(Predicates.always());
      }
    });
    assertThat(mixed).isInstanceOf(PredicateTooDeepException.class);
  }

  @Test
  void aPredicateAtTheLimitFormatsWritesAndReadsBack() {
    Predicate p = LEAF;
    for (int i = 1; i < Predicate.MAX_DEPTH; i++) {
      p = i % 3 == 0 ? p.negate() : i % 3 == 1 ? new Predicate.And(List.of(LEAF, p))
          : new Predicate.Or(List.of(p, LEAF));
    }
    assertThat(p.depth()).isEqualTo(Predicate.MAX_DEPTH);
    final Predicate deepest = p;
    assertThatThrownBy(deepest::negate).isInstanceOf(PredicateTooDeepException.class);

    assertThat(PredicateText.parse(PredicateText.format(p))).isEqualTo(p);
    assertThat(PredicateJson.read(PredicateJson.write(p))).isEqualTo(p);
    assertThat(p.compile().dependencies().stage()).isTrue();
  }

  @Test
  void textAndJsonOneLevelTooDeepAreRefusedWithTheirOwnTypedErrors() {
    String text = "not ".repeat(Predicate.MAX_DEPTH) + "stage is mql";
    assertThatThrownBy(() -> PredicateText.parse(text))
        .isInstanceOf(PredicateParseException.class).hasMessageContaining("levels of nesting");
    assertThat(PredicateText.parse("not ".repeat(Predicate.MAX_DEPTH - 1) + "stage is mql")
        .depth()).isEqualTo(Predicate.MAX_DEPTH);

    // parentheses do not nest the tree, but "and" inside "or" inside "and" does
    StringBuilder alternating = new StringBuilder("stage is mql");
    for (int i = 0; i < 40; i++) {
      alternating.insert(0, "owner exists and (stage is sql or ").append(')');
    }
    assertThatThrownBy(() -> PredicateText.parse(alternating.toString()))
        .isInstanceOf(PredicateParseException.class).hasMessageContaining("levels of nesting");

    String json = jsonNots(Predicate.MAX_DEPTH);
    assertThatThrownBy(() -> PredicateJson.read(json))
        .isInstanceOf(PredicateJsonException.class).hasMessageContaining("nested deeper");
    assertThat(PredicateJson.read(jsonNots(Predicate.MAX_DEPTH - 1)).depth())
        .isEqualTo(Predicate.MAX_DEPTH);
    assertThatThrownBy(() -> PredicateJson.read(jsonNots(10_000)))
        .isInstanceOf(PredicateJsonException.class);
  }

  private static String jsonNots(int n) {
    return "{\"version\":1,\"predicate\":" + "{\"type\":\"not\",\"operand\":".repeat(n)
        + "{\"type\":\"constant\",\"value\":true}" + "}".repeat(n) + "}";
  }

  // ------------------------------------------------------------------ property

  /** One level of a random spine: how the tree so far is wrapped. */
  record Level(int kind, List<Predicate> siblings, int position) {}

  @Provide
  Arbitrary<List<Level>> spines() {
    Arbitrary<Level> level = Combinators.combine(Arbitraries.integers().between(0, 5),
        PredicateArbitraries.predicates(1).list().ofMinSize(1).ofMaxSize(2),
        Arbitraries.integers().between(0, 2)).as(Level::new);
    return level.list().ofMinSize(0).ofMaxSize(Predicate.MAX_DEPTH + 12);
  }

  /**
   * Wraps a leaf in the spine's levels: kinds 0-2 with the fluent API (which flattens nested
   * and / or), 3-5 with the record constructors (which keep them).
   */
  private static Predicate build(Predicate leaf, List<Level> spine) {
    Predicate p = leaf;
    for (Level l : spine) {
      List<Predicate> ops = new ArrayList<>(l.siblings());
      ops.add(Math.min(l.position(), ops.size()), p);
      p = switch (l.kind()) {
        case 0 -> Predicates.and(ops);
        case 1 -> Predicates.or(ops);
        case 2 -> Predicates.not(p);
        case 3 -> new Predicate.And(ops);
        case 4 -> new Predicate.Or(ops);
        default -> new Predicate.Not(p);
      };
    }
    return p;
  }

  @Provide
  Arbitrary<Predicate> leaves() {
    return PredicateArbitraries.leaves();
  }

  @Property(tries = 200)
  void deepPredicatesRoundTripThroughFluentTextAndJsonOrAreRefusedByAll(
      @ForAll("leaves") Predicate leaf, @ForAll("spines") List<Level> spine) {
    Predicate p;
    try {
      p = build(leaf, spine);
    } catch (PredicateTooDeepException e) {
      // refused while building: the depth it names is over the limit and no form could hold it
      assertThat(e.depth()).isGreaterThan(Predicate.MAX_DEPTH);
      assertThat(spine.size() + 2).isGreaterThan(Predicate.MAX_DEPTH);
      return;
    }
    assertThat(p.depth()).isBetween(1, Predicate.MAX_DEPTH);

    String text = PredicateText.format(p);
    Predicate fromText = PredicateText.parse(text);
    assertThat(fromText).as(text).isEqualTo(p);

    String json = PredicateJson.write(p);
    Predicate fromJson = PredicateJson.read(json);
    assertThat(fromJson).isEqualTo(p);

    // and across: text -> JSON -> text, JSON -> text -> JSON
    assertThat(PredicateText.format(PredicateJson.read(PredicateJson.write(fromText))))
        .isEqualTo(text);
    assertThat(PredicateJson.write(PredicateText.parse(PredicateText.format(fromJson))))
        .isEqualTo(json);
  }

  @Provide
  Arbitrary<String> nestedTexts() {
    Arbitrary<String> opener = Arbitraries.of("(", "not ", "not (", "owner exists and (",
        "stage is sql or (", "(owner exists or ");
    return opener.list().ofMinSize(0).ofMaxSize(3 * Predicate.MAX_DEPTH).map(os -> {
      StringBuilder sb = new StringBuilder();
      os.forEach(sb::append);
      sb.append("stage is mql");
      for (String o : os) {
        sb.append(")".repeat((int) o.chars().filter(c -> c == '(').count()));
      }
      return sb.toString();
    });
  }

  @Property(tries = 300)
  void nestedTextEitherParsesWithinTheLimitOrFailsWithTheParseError(
      @ForAll("nestedTexts") String text) {
    Predicate p;
    try {
      p = PredicateText.parse(text);
    } catch (PredicateParseException e) {
      assertThat(e.getMessage()).contains("levels of nesting");
      return;
    }
    assertThat(p.depth()).isLessThanOrEqualTo(Predicate.MAX_DEPTH);
    assertThat(PredicateJson.read(PredicateJson.write(p))).isEqualTo(p);
    assertThat(PredicateText.parse(p.toText())).isEqualTo(p);
  }
}
