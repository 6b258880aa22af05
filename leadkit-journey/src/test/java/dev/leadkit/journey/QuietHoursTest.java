package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void aPeriodWrappingMidnightMovesEveningAndNightSendsToTheNextMorning() {
    QuietHours q = QuietHours.between(LocalTime.of(20, 0), LocalTime.of(8, 0));
    // 21:30 Berlin (CEST, +2) -> 08:00 the next day
    assertThat(q.nextAllowed(Instant.parse("2026-06-10T19:30:00Z"), BERLIN))
        .isEqualTo(Instant.parse("2026-06-11T06:00:00Z"));
    // 03:00 Berlin -> 08:00 the same day
    assertThat(q.nextAllowed(Instant.parse("2026-06-10T01:00:00Z"), BERLIN))
        .isEqualTo(Instant.parse("2026-06-10T06:00:00Z"));
    // 08:00 sharp is allowed, 19:59 too
    assertThat(q.isQuiet(Instant.parse("2026-06-10T06:00:00Z"), BERLIN)).isFalse();
    assertThat(q.isQuiet(Instant.parse("2026-06-10T17:59:00Z"), BERLIN)).isFalse();
    assertThat(q.isQuiet(Instant.parse("2026-06-10T18:00:00Z"), BERLIN)).isTrue();
  }

  @Test
  void aPeriodWithinTheDayEndsTheSameDay() {
    QuietHours lunch = QuietHours.between(LocalTime.of(12, 0), LocalTime.of(13, 0));
    assertThat(lunch.nextAllowed(Instant.parse("2026-06-10T10:30:00Z"), BERLIN))
        .isEqualTo(Instant.parse("2026-06-10T11:00:00Z"));
    assertThat(lunch.nextAllowed(Instant.parse("2026-06-10T09:00:00Z"), BERLIN))
        .isEqualTo(Instant.parse("2026-06-10T09:00:00Z"));
  }

  @Test
  void anEndInsideTheSpringForwardGapIsShiftedPastTheGap() {
    // 2026-03-29 in Berlin: 02:00 local does not exist (clocks go to 03:00)
    QuietHours q = QuietHours.between(LocalTime.of(0, 0), LocalTime.of(2, 30));
    Instant out = q.nextAllowed(Instant.parse("2026-03-29T00:15:00Z"), BERLIN); // 01:15 CET
    assertThat(out).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));           // 03:30 CEST
    assertThat(q.isQuiet(out, BERLIN)).isFalse();
  }

  @Test
  void anEmptyPeriodIsRefused() {
    assertThatThrownBy(() -> QuietHours.between(LocalTime.NOON, LocalTime.NOON))
        .isInstanceOf(InvalidJourneyException.class).hasMessageContaining("12:00");
  }
}
