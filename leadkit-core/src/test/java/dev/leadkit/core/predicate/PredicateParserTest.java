package dev.leadkit.core.predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.predicate.json.PredicateJson;
import dev.leadkit.core.predicate.json.PredicateJsonException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PredicateParserTest {

  @Test
  void errorNamesLineColumnAndWhatWasExpected() {
    PredicateParseException e = (PredicateParseException) catchThrowable(() ->
        PredicateText.parse("industry = \"it\"\nand stage is\n  bogus"));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(3);
    assertThat(e.expected()).startsWith("a stage (anonymous");
    assertThat(e.found()).isEqualTo("\"bogus\"");
    assertThat(e).isInstanceOf(LeadkitException.class)
        .hasMessageStartingWith("line 3, column 3: expected a stage");
  }

  @Test
  void missingRangeAfterCountIsReportedAtTheEnd() {
    assertThatThrownBy(() -> PredicateText.parse("count(page_view, last 30d)"))
        .isInstanceOf(PredicateParseException.class)
        .hasMessageContaining("column 27")
        .hasMessageContaining("expected a count range")
        .hasMessageContaining("end of input");
  }

  @Test
  void invalidValuesBecomeParseErrorsAtTheirToken() {
    PredicateParseException e = (PredicateParseException) catchThrowable(() ->
        PredicateText.parse("count(page_view where url ~ \"/a\\\\\", last 30d) >= 1"));
    assertThat(e.column()).isEqualTo(29);
    assertThat(e.expected()).isEqualTo("a glob pattern");
    assertThat(catchThrowable(() -> PredicateText.parse("Industry = \"x\"")))
        .isInstanceOf(PredicateParseException.class).hasMessageContaining("attribute name");
    assertThat(catchThrowable(() -> PredicateText.parse("count(any, last 0d) >= 1")))
        .isInstanceOf(PredicateParseException.class).hasMessageContaining("column 17");
    assertThat(catchThrowable(() -> PredicateText.parse("count(any) >= 0")))
        .isInstanceOf(PredicateParseException.class).hasMessageContaining("always true");
  }

  @Test
  void deepNestingAndHugeInputAreRefusedWithTheTypedError() {
    assertThatThrownBy(() -> PredicateText.parse("(".repeat(10_000) + "true"))
        .isInstanceOf(PredicateParseException.class).hasMessageContaining("levels of nesting");
    assertThatThrownBy(() -> PredicateText.parse("not ".repeat(10_000) + "true"))
        .isInstanceOf(PredicateParseException.class).hasMessageContaining("levels of nesting");
    assertThatThrownBy(() -> PredicateText.parse("true or ".repeat(10_000) + "true"))
        .isInstanceOf(PredicateParseException.class).hasMessageContaining("characters");
    assertThatThrownBy(() -> PredicateText.parse(null))
        .isInstanceOf(PredicateParseException.class);
  }

  @Test
  void keywordsCanStillNameAttributesWithThePrefix() {
    Predicate p = PredicateText.parse("attr.stage = \"x\" and owner missing # a comment\n");
    assertThat(p).isEqualTo(Predicates.attribute(AttributeKey.of("stage")).eq("x")
        .and(Predicates.owner().missing()));
    assertThat(p.toText()).isEqualTo("attr.stage = \"x\" and not owner exists");
  }

  @Test
  void sugarIsReadIntoCanonicalNodes() {
    assertThat(PredicateText.parse("renewal_date within next 90d"))
        .isEqualTo(Predicates.attribute(AttributeKey.RENEWAL_DATE)
            .between(Predicates.today(), Predicates.today(90)));
    assertThat(PredicateText.parse("count(page_view) > 4"))
        .isEqualTo(Predicates.touchpoints(dev.leadkit.core.touch.TouchpointType.PAGE_VIEW)
            .atLeast(5));
    assertThat(PredicateText.parse("count(any, last 60d) < 1").toText())
        .isEqualTo("count(any, last 60d) = 0");
  }

  // ------------------------------------------------------------------ fuzzing

  static final List<String> PIECES = List.of("(", ")", ",", "|", "~", "+", "-", "=", "!=", "<",
      "<=", ">", ">=", "and", "or", "not", "true", "false", "stage", "is", "in", "at", "least",
      "mql", "score", "(fit)", "band", "consent", "(email)", "owner", "exists", "missing",
      "list", "segment", "count", "last_touch", "where", "url", "any", "page_view", "last",
      "90d", "since", "between", "2025-10-01", "2025-10-01T09:00:00Z", "2025-13-45",
      "9999999999999999999", "12.5", "today", "today+90d", "within", "next", "older", "than",
      "\"x\"", "\"/pricing/**\"", "\"unterminated", "\"\\u12\"", "\\", "#", "\n", " ", "industry",
      "attr.", "attr.stage", "contains", "starts", "with", "\u0000", "\uD800", "日本", "@", "...",
      "1e5", "0x10", "99d", "36501d", "-0", "owner is \"\"", "\"\\q\"");

  @Provide
  Arbitrary<String> tokenSoup() {
    return Arbitraries.of(PIECES).list().ofMaxSize(30)
        .map(l -> String.join(" ", l));
  }

  @Provide
  Arbitrary<String> mutatedValid() {
    return Combinators.combine(PredicateArbitraries.predicates().map(PredicateText::format),
        Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 3),
        Arbitraries.chars().all())
        .as((text, at, op, ch) -> {
          int i = text.isEmpty() ? 0 : at % text.length();
          return switch (op) {
            case 0 -> text.substring(0, i) + text.substring(Math.min(text.length(), i + 1));
            case 1 -> text.substring(0, i) + ch + text.substring(i);
            case 2 -> text.substring(0, i);
            default -> text.substring(0, i) + ch + text.substring(Math.min(text.length(), i + 1));
          };
        });
  }

  private static void parsesOrFailsCleanly(String text) {
    try {
      Predicate p = PredicateText.parse(text);
      assertThat(PredicateText.parse(p.toText())).isEqualTo(p);
    } catch (PredicateParseException e) {
      assertThat(e.line()).isPositive();
      assertThat(e.column()).isPositive();
      assertThat(e.getCause()).as("unexpected internal failure for %s", text)
          .satisfiesAnyOf(c -> assertThat(c).isNull(),
              c -> assertThat(c).isInstanceOf(LeadkitException.class),
              c -> assertThat(c).isInstanceOf(java.time.DateTimeException.class),
              c -> assertThat(c).isInstanceOf(NumberFormatException.class),
              c -> assertThat(c).isInstanceOf(ArithmeticException.class));
    }
  }

  @Property(tries = 2000)
  void parserFailsOnlyWithItsOwnErrorOnTokenSoup(@ForAll("tokenSoup") String text) {
    parsesOrFailsCleanly(text);
  }

  @Property(tries = 1500)
  void parserFailsOnlyWithItsOwnErrorOnMutatedPredicates(@ForAll("mutatedValid") String text) {
    parsesOrFailsCleanly(text);
  }

  @Property(tries = 1000)
  void parserFailsOnlyWithItsOwnErrorOnArbitraryStrings(@ForAll String text) {
    parsesOrFailsCleanly(text);
  }

  @Property(tries = 500)
  void jsonReaderFailsOnlyWithItsOwnErrorOnMutatedDocuments(
      @ForAll("mutatedJson") String json) {
    try {
      Predicate p = PredicateJson.read(json);
      assertThat(PredicateJson.read(PredicateJson.write(p))).isEqualTo(p);
    } catch (PredicateJsonException e) {
      assertThat(e.path()).isNotNull();
    }
  }

  @Provide
  Arbitrary<String> mutatedJson() {
    return Combinators.combine(PredicateArbitraries.predicates().map(PredicateJson::write),
        Arbitraries.integers().between(0, 5000), Arbitraries.of("", "x", "1", "\"", "{", "]",
            "null", "-", "true", "\"type\":\"or\","))
        .as((json, at, ins) -> {
          int i = at % json.length();
          return json.substring(0, i) + ins + json.substring(Math.min(json.length(), i + 1));
        });
  }
}
