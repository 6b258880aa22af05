package dev.leadkit.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void zeroDenominatorGivesAnUndefinedRateReportedAsZero() {
    Rate r = Rate.of(0, 0);
    assertThat(r.defined()).isFalse();
    assertThat(r.value()).isZero();
    assertThat(r.asOptional()).isEmpty();
    assertThat(r.percent()).isEqualTo("-");
    assertThat(Rate.of(1, 8).percent()).isEqualTo("12.5%");
  }

  @Test
  void aRateAboveOneIsRefusedWithTheCounts() {
    assertThatThrownBy(() -> Rate.of(3, 2)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("3 / 2");
  }

  @Test
  void monthPeriodStartsAtMidnightInTheZone() {
    ReportPeriod p = ReportPeriod.month(YearMonth.of(2026, 4), ZoneId.of("Asia/Tokyo"));
    assertThat(p.from()).isEqualTo(Instant.parse("2026-03-31T15:00:00Z"));
    assertThat(p.length()).isEqualTo(Duration.ofDays(30));
    assertThat(p.contains(p.to())).isFalse();
    assertThatThrownBy(() -> ReportPeriod.of(p.to(), p.from()))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining(p.to().toString());
  }

  @Test
  void landingPagesMatchThePathOfAbsoluteAndRelativeUrls() {
    LandingPages lp = LandingPages.under("/lp/");
    assertThat(lp.matches("https://example.com/lp/spring?utm=x")).isTrue();
    assertThat(lp.matches("/lp/a")).isTrue();
    assertThat(lp.matches("https://example.com/blog/lp/")).isFalse();
    assertThat(lp.matches("https://lp.example.com")).isFalse();
    assertThatThrownBy(() -> LandingPages.under("lp")).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("\"lp\"");
  }

  @Test
  void attributionCountsOnlyACrossingIntoTheGoal() {
    Attribution a = Attribution.defaults();
    assertThat(a.isConversion(LifecycleStage.SQL, LifecycleStage.OPPORTUNITY)).isTrue();
    assertThat(a.isConversion(LifecycleStage.KNOWN, LifecycleStage.CUSTOMER)).isTrue();
    assertThat(a.isConversion(LifecycleStage.OPPORTUNITY, LifecycleStage.CUSTOMER)).isFalse();
    assertThat(a.isConversion(LifecycleStage.LOST, LifecycleStage.OPPORTUNITY)).isTrue();
  }

  @Test
  void aPassiveTypeCannotAlsoBeAnInquiry() {
    KpiSettings d = KpiSettings.ofDefaults();
    assertThatThrownBy(() -> d.withInquiry(TouchpointFilter.ofTypes(TouchpointType.EMAIL_SENT)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("email_sent");
  }

  @Test
  void filtersTolerateRepeatsButRefuseNulls() {
    TouchpointFilter f = TouchpointFilter.ofTypes(TouchpointType.MEETING, TouchpointType.MEETING)
        .where(dev.leadkit.core.touch.PropertyKey.FORM, "a", "a");
    assertThat(f.types()).containsExactly(TouchpointType.MEETING);
    assertThatThrownBy(() -> TouchpointFilter.ofTypes(TouchpointType.MEETING, null))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("null");
  }

  @Test
  void messageOutcomeRefusesMoreOpensThanDeliveries() {
    assertThatThrownBy(() -> new MessageOutcome(List.of("x"), 2, 1, 2, 0, 0, 0))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("opened 2");
  }

  @Test
  void cohortMonthFollowsTheGroupingZone() {
    dev.leadkit.core.lead.Lead l = dev.leadkit.core.lead.Lead.create(
        dev.leadkit.core.lead.LeadId.of("x"), dev.leadkit.core.lead.EmailAddress.parse(
            "x@example.com"), dev.leadkit.core.lead.Attributes.empty(),
        Instant.parse("2026-03-31T16:00:00Z"));
    assertThat(LeadGrouping.byCreationMonth(ZoneId.of("Asia/Tokyo")).groupOf(l))
        .isEqualTo("2026-04");
    assertThat(LeadGrouping.byCreationMonth(ZoneId.of("UTC")).groupOf(l)).isEqualTo("2026-03");
    assertThat(LeadGrouping.bySource().groupOf(l)).isEqualTo(LeadGrouping.MISSING);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    List<Duration> d = List.of(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4),
        Duration.ofHours(10));
    assertThat(Measurement.median(d)).isEqualTo(Duration.ofHours(3));
    assertThat(Measurement.mean(d)).isEqualTo(Duration.ofMinutes(255));
  }
}
