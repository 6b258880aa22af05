package dev.leadkit.core.predicate;

import static dev.leadkit.core.predicate.Predicates.touchpoints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.PropertyFilter.NumberOp;
import dev.leadkit.core.predicate.json.PredicateJson;
import dev.leadkit.core.predicate.json.PredicateJsonException;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumericPropertyFilterTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final LeadId ID = LeadId.of("lead-1");

  static Touchpoint view(String url, String seconds, Instant at) {
    Touchpoint.Builder b = Touchpoint.forLead(ID, TouchpointType.PAGE_VIEW, at).url(url);
    if (seconds != null) {
      b.property(PropertyKey.SECONDS, seconds);
    }
    return b.build();
  }

  static Touchpoint withSeconds(String seconds) {
    return view("/products/a", seconds, NOW);
  }

  @Test
  void productPagesReadForAMinuteCountTowardsTheSegmentAndShortVisitsDoNot() {
    Predicate p = PredicateText.parse("count(page_view where url ~ \"/products/**\" and"
        + " seconds >= 60, last 30d) >= 3");
    assertThat(p).isEqualTo(touchpoints(TouchpointType.PAGE_VIEW).url("/products/**")
        .secondsAtLeast(60).inLast(Duration.ofDays(30)).atLeast(3));
    Lead lead = Lead.create(ID, EmailAddress.parse("a@example.com"),
        dev.leadkit.core.lead.Attributes.empty(), NOW.minus(Duration.ofDays(100)));
    List<Touchpoint> h = new ArrayList<>();
    h.add(view("/products/erp", "75", NOW.minus(Duration.ofDays(1))));
    h.add(view("/products/crm", "60.0", NOW.minus(Duration.ofDays(2))));
    h.add(view("/products/crm", "59", NOW.minus(Duration.ofDays(3))));
    h.add(view("/products/crm", null, NOW.minus(Duration.ofDays(4))));
    h.add(view("/pricing", "600", NOW.minus(Duration.ofDays(5))));
    h.add(view("/products/old", "600", NOW.minus(Duration.ofDays(40))));
    CompiledPredicate c = p.compile();
    assertThat(c.test(EvaluationInput.of(lead, h, NOW))).isFalse();
    assertThat(c.explain(EvaluationInput.of(lead, h, NOW)).text()).isEqualTo(
        "count(page_view where url ~ \"/products/**\" and seconds >= 60, last 30d) = 2,"
            + " needs >= 3");
    h.add(view("https://acme.example/products/x?utm=1", "3600", NOW.minus(Duration.ofDays(6))));
    assertThat(c.test(EvaluationInput.of(lead, h, NOW))).isTrue();
  }

  @Test
  void everyOperatorComparesNumerically() {
    PropertyKey s = PropertyKey.SECONDS;
    Touchpoint sixty = withSeconds("060.00");
    assertThat(new PropertyFilter.Compare(s, NumberOp.EQ, new BigDecimal("60")).matches(sixty))
        .isTrue();
    assertThat(new PropertyFilter.Compare(s, NumberOp.NE, new BigDecimal("60")).matches(sixty))
        .isFalse();
    assertThat(new PropertyFilter.Compare(s, NumberOp.NE, new BigDecimal("61")).matches(sixty))
        .isTrue();
    assertThat(new PropertyFilter.Compare(s, NumberOp.LT, new BigDecimal("60.5"))
        .matches(sixty)).isTrue();
    assertThat(new PropertyFilter.Compare(s, NumberOp.LE, new BigDecimal("59.999"))
        .matches(sixty)).isFalse();
    assertThat(new PropertyFilter.Compare(s, NumberOp.GT, new BigDecimal("-1")).matches(sixty))
        .isTrue();
    assertThat(new PropertyFilter.Compare(s, NumberOp.GE, new BigDecimal("60")).matches(sixty))
        .isTrue();
    // a text comparison would put "100" before "60"
    assertThat(new PropertyFilter.Compare(s, NumberOp.GT, new BigDecimal("60"))
        .matches(withSeconds("100"))).isTrue();
  }

  @Test
  void valuesThatAreNotPlainDecimalsNeverPassNotEvenNotEquals() {
    for (String v : List.of("1e3", "+1", "60s", " 60", "", "1.", ".5", "-",
        "1234567890123456789", "1.1234567890123", "٦٠")) {
      PropertyFilter ne = new PropertyFilter.Compare(PropertyKey.SECONDS, NumberOp.NE,
          BigDecimal.ZERO);
      assertThat(ne.matches(withSeconds(v))).as(v).isFalse();
      assertThat(PropertyFilter.Compare.numberOf(v)).as(v).isNull();
    }
    assertThat(new PropertyFilter.Compare(PropertyKey.SECONDS, NumberOp.NE, BigDecimal.ZERO)
        .matches(withSeconds(null))).isFalse();
    assertThat(PropertyFilter.Compare.numberOf("-123456789012345678.123456789012"))
        .isEqualByComparingTo("-123456789012345678.123456789012");
  }

  @Test
  void comparedValuesAreKeptWithoutTrailingZeros() {
    PropertyFilter.Compare c = new PropertyFilter.Compare(PropertyKey.SECONDS, NumberOp.GE,
        new BigDecimal("6.0E+1"));
    assertThat(c.value()).isEqualTo(new BigDecimal("60"));
    assertThat(c).isEqualTo(new PropertyFilter.Compare(PropertyKey.SECONDS, NumberOp.GE,
        new BigDecimal("60.000")));
  }

  @Test
  void comparedValuesBeyondTheNumberBoundsAreRefusedWithTheValue() {
    assertThatThrownBy(() -> new PropertyFilter.Compare(PropertyKey.SECONDS, NumberOp.GE,
        new BigDecimal("1E+18"))).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("1E+18").hasMessageContaining("seconds");
    assertThatThrownBy(() -> new PropertyFilter.Compare(PropertyKey.SECONDS, NumberOp.GE,
        new BigDecimal("0.0000000000001"))).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new PropertyFilter.Compare(PropertyKey.SECONDS, NumberOp.GE,
        new BigDecimal("1E+999999999"))).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void textFormRoundTripsAndKeepsTextEqualityApartFromNumericEquality() {
    TouchpointFilter f = PredicateText.parseFilter("page_view where campaign = \"60\" and"
        + " seconds = 60 and seconds != -1.50 and seconds < 7 and seconds <= 8 and seconds > 0"
        + " and seconds >= 0.5");
    assertThat(f.properties()).containsExactly(
        new PropertyFilter.OneOf(PropertyKey.CAMPAIGN, java.util.Set.of("60")),
        new PropertyFilter.Compare(PropertyKey.SECONDS, NumberOp.EQ, new BigDecimal("60")),
        new PropertyFilter.Compare(PropertyKey.SECONDS, NumberOp.NE, new BigDecimal("-1.5")),
        new PropertyFilter.Compare(PropertyKey.SECONDS, NumberOp.LT, new BigDecimal("7")),
        new PropertyFilter.Compare(PropertyKey.SECONDS, NumberOp.LE, new BigDecimal("8")),
        new PropertyFilter.Compare(PropertyKey.SECONDS, NumberOp.GT, BigDecimal.ZERO),
        new PropertyFilter.Compare(PropertyKey.SECONDS, NumberOp.GE, new BigDecimal("0.5")));
    assertThat(f.toString()).isEqualTo("page_view where campaign = \"60\" and seconds = 60 and"
        + " seconds != -1.5 and seconds < 7 and seconds <= 8 and seconds > 0 and seconds >= 0.5");
    assertThat(PredicateText.parseFilter(f.toString())).isEqualTo(f);
  }

  @Test
  void badNumericComparisonsFailWithLineAndColumn() {
    assertThatThrownBy(() -> PredicateText.parseFilter("page_view where seconds >= \"60\""))
        .isInstanceOf(PredicateParseException.class).hasMessageContaining("a number");
    assertThatThrownBy(() -> PredicateText.parseFilter("page_view where seconds >= 1"
        + "234567890123456789")).isInstanceOf(PredicateParseException.class)
        .hasMessageContaining("1234567890123456789");
    assertThatThrownBy(() -> PredicateText.parseFilter("page_view where seconds = x"))
        .isInstanceOf(PredicateParseException.class)
        .hasMessageContaining("a \"value\" or a number");
  }

  @Test
  void jsonFormCarriesTheOperatorAndTheDecimal() {
    Predicate p = touchpoints(TouchpointType.PAGE_VIEW)
        .number(PropertyKey.SECONDS, NumberOp.GT, new BigDecimal("90.5")).atLeast(1);
    String json = PredicateJson.write(p);
    assertThat(json).contains("{\"key\":\"seconds\",\"match\":\"number\",\"op\":\"gt\","
        + "\"value\":\"90.5\"}");
    assertThat(PredicateJson.read(json)).isEqualTo(p);
    String bare = json.replace("\"90.5\"", "90.5");
    assertThat(PredicateJson.read(bare)).isEqualTo(p);
    assertThatThrownBy(() -> PredicateJson.read(json.replace("\"gt\"", "\"greater\"")))
        .isInstanceOf(PredicateJsonException.class).hasMessageContaining("greater");
    assertThatThrownBy(() -> PredicateJson.read(json.replace("\"90.5\"", "\"ninety\"")))
        .isInstanceOf(PredicateJsonException.class);
  }
}
