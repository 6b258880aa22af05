package dev.leadkit.core.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AttributesTest {

  @Test
  void typedValuesAreReadBackByKind() {
    Attributes a = Attributes.empty()
        .with(AttributeKey.COMPANY, "ACME")
        .with(AttributeKey.COMPANY_SIZE, AttributeValue.number(300))
        .with(AttributeKey.RENEWAL_DATE, AttributeValue.date(LocalDate.of(2027, 3, 31)))
        .with(AttributeKey.FIRST_CONTACT_AT,
            AttributeValue.instant(Instant.parse("2026-01-02T03:04:05Z")))
        .with(AttributeKey.of("newsletter"), AttributeValue.bool(true))
        .with(AttributeKey.INTEREST, AttributeValue.list(List.of("erp", "crm", "erp")));
    assertThat(a.text(AttributeKey.COMPANY)).contains("ACME");
    assertThat(a.number(AttributeKey.COMPANY_SIZE)).contains(new BigDecimal("300"));
    assertThat(a.number(AttributeKey.COMPANY)).isEmpty();
    assertThat(a.date(AttributeKey.RENEWAL_DATE)).contains(LocalDate.of(2027, 3, 31));
    assertThat(a.date(AttributeKey.FIRST_CONTACT_AT)).contains(LocalDate.of(2026, 1, 2));
    assertThat(a.instant(AttributeKey.FIRST_CONTACT_AT)).isPresent();
    assertThat(a.text(AttributeKey.INTEREST)).contains("erp, crm");
    assertThat(a.asMap().firstKey()).isEqualTo(AttributeKey.COMPANY);
  }

  @Test
  void numbersCompareByValueNotScale() {
    assertThat(AttributeValue.number(new BigDecimal("300.00")))
        .isEqualTo(AttributeValue.number(300));
    assertThat(AttributeValue.number(new BigDecimal("1E+3")).asText()).isEqualTo("1000");
  }

  @Test
  void blankTextMeansMissing() {
    Attributes a = Attributes.empty().with(AttributeKey.TITLE, "CTO").with(AttributeKey.TITLE, " ");
    assertThat(a.has(AttributeKey.TITLE)).isFalse();
    assertThat(a.isEmpty()).isTrue();
  }

  @Test
  void badKeysAndValuesAreRefusedWithTheValueInTheMessage() {
    assertThatThrownBy(() -> AttributeKey.of("Company Name"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("Company Name");
    assertThatThrownBy(() -> AttributeValue.number(Double.NaN))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> AttributeValue.text("x".repeat(AttributeValue.MAX_TEXT + 1)))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void customKeysLiveBesideStandardOnes() {
    AttributeKey custom = AttributeKey.of("crm_account_id");
    assertThat(custom.isStandard()).isFalse();
    assertThat(AttributeKey.INDUSTRY.isStandard()).isTrue();
    assertThat(Attributes.of(Map.of(custom, AttributeValue.text("0012"))).text(custom))
        .contains("0012");
  }

  @Provide
  Arbitrary<AttributeKey> keys() {
    return Arbitraries.strings().withChars("abcdefgh_").ofMinLength(1).ofMaxLength(6)
        .filter(s -> Character.isLetter(s.charAt(0))).map(AttributeKey::of);
  }

  @Provide
  Arbitrary<AttributeValue> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(10).map(AttributeValue::text),
        Arbitraries.longs().map(AttributeValue::number),
        Arbitraries.of(true, false).map(AttributeValue::bool),
        Arbitraries.integers().between(0, 50_000).map(d -> AttributeValue.date(
            LocalDate.ofEpochDay(d))),
        Arbitraries.strings().alpha().ofMaxLength(5).list().ofMaxSize(4)
            .map(AttributeValue::list));
  }

  @Property
  void withThenGetReturnsTheValueUnlessBlank(@ForAll("keys") AttributeKey k,
      @ForAll("values") AttributeValue v) {
    Attributes a = Attributes.empty().with(k, v);
    if (v instanceof AttributeValue.Text t && t.value().isBlank()) {
      assertThat(a.get(k)).isEmpty();
    } else {
      assertThat(a.get(k)).contains(v);
      assertThat(a.without(k).has(k)).isFalse();
    }
  }

  @Property
  void insertionOrderDoesNotMatter(@ForAll("keys") AttributeKey k1, @ForAll("values")
      AttributeValue v1, @ForAll("keys") AttributeKey k2, @ForAll("values") AttributeValue v2) {
    if (k1.equals(k2)) {
      return;
    }
    assertThat(Attributes.empty().with(k1, v1).with(k2, v2))
        .isEqualTo(Attributes.empty().with(k2, v2).with(k1, v1));
  }
}
