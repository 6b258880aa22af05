package dev.leadkit.core.predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class GlobTest {
  @Test
  void deepWildcardCrossesSlashesAndSingleStarDoesNot() {
    assertThat(Glob.of("/products/erp/**").matches("/products/erp")).isTrue();
    assertThat(Glob.of("/products/erp/**").matches("/products/erp/")).isTrue();
    assertThat(Glob.of("/products/erp/**").matches("/products/erp/a/b")).isTrue();
    assertThat(Glob.of("/products/erp/**").matches("/products/erpx")).isFalse();
    assertThat(Glob.of("/products/*").matches("/products/a")).isTrue();
    assertThat(Glob.of("/products/*").matches("/products/a/b")).isFalse();
    assertThat(Glob.of("/p?icing").matches("/pricing")).isTrue();
    assertThat(Glob.of("/a\\*b").matches("/a*b")).isTrue();
    assertThat(Glob.of("/a\\*b").matches("/axb")).isFalse();
    assertThat(Glob.of("/a*/**").matches("/")).isFalse();
    assertThat(Glob.of("/a*/**").matches("/ab")).isTrue();
  }

  @Test
  void malformedPatternsAreRefused() {
    assertThatThrownBy(() -> Glob.of("")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Glob.of("/a\\")).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("/a\\");
    assertThatThrownBy(() -> Glob.of("x".repeat(513))).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void urlValuesAreReducedToTheirPathForSlashPatterns() {
    assertThat(PropertyFilter.Matches.pathOf("https://acme.example/pricing/a?utm=1#x"))
        .isEqualTo("/pricing/a");
    assertThat(PropertyFilter.Matches.pathOf("https://acme.example")).isEqualTo("/");
    assertThat(PropertyFilter.Matches.pathOf("https://acme.example?x=/a")).isEqualTo("/");
    assertThat(PropertyFilter.Matches.pathOf("/a/b?c")).isEqualTo("/a/b");
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.of("/", "a", "b", "*", "**", "?", "\\*", "/**", "ab").list().ofMinSize(1)
        .ofMaxSize(8).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.of("/", "a", "b", "*", "ab", "//").list().ofMaxSize(10)
        .map(l -> String.join("", l));
  }

  @Property(tries = 3000)
  void matchesAgreesWithAnIndependentRegularExpression(@ForAll("patterns") String pattern,
      @ForAll("values") String value) {
    assertThat(Glob.of(pattern).matches(value)).as(pattern + " vs " + value)
        .isEqualTo(ReferenceInterpreter.globRegex(pattern).matcher(value).matches());
  }

  @Provide
  Arbitrary<String> urls() {
    return Arbitraries.of("https", "://", "a.b", "/", "?", "#", "x", "é", ":", "-", "")
        .list().ofMaxSize(8).map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void pathReductionAgreesWithItsDocumentedRegularExpression(@ForAll("urls") String url) {
    assertThat(PropertyFilter.Matches.pathOf(url)).as(url)
        .isEqualTo(ReferenceInterpreter.path(url));
  }
}
