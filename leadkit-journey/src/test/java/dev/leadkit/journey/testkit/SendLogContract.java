package dev.leadkit.journey.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.journey.FrequencyCap;
import dev.leadkit.journey.port.SendLog;
import dev.leadkit.journey.port.SendLog.Reservation;
import dev.leadkit.journey.port.SendRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link SendLog}. Subclass it and return a fresh, empty log. */
public abstract class SendLogContract {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  private static final LeadId LEAD = LeadId.of("lead-1");
  private static final List<FrequencyCap> TWO_A_WEEK =
      List.of(FrequencyCap.of(Channel.EMAIL, 2, Duration.ofDays(7)));

  /** The log under test. */
  protected SendLog log;

  /** A fresh, empty log. */
  protected abstract SendLog newLog();

  @BeforeEach
  void createLog() {
    log = newLog();
  }

  private static SendRecord rec(String key, Channel channel, Instant at, boolean operational) {
    return new SendRecord(MessageKey.of(key), LEAD, channel, "tpl-" + key, at, operational,
        "j", "s");
  }

  @Test
  void aKeyIsRecordedOnce() {
    assertThat(log.reserve(rec("k1", Channel.EMAIL, T0, false), TWO_A_WEEK))
        .isEqualTo(Reservation.RESERVED);
    assertThat(log.reserve(rec("k1", Channel.EMAIL, T0.plusSeconds(5), false), TWO_A_WEEK))
        .isEqualTo(Reservation.ALREADY_RECORDED);
    assertThat(log.find(MessageKey.of("k1")).orElseThrow().at()).isEqualTo(T0);
    assertThat(log.forLead(LEAD, Instant.EPOCH)).hasSize(1);
  }

  @Test
  void capCountsRecordsStrictlyWithinTheWindowOnEitherSide() {
    log.reserve(rec("a", Channel.EMAIL, T0, false), TWO_A_WEEK);
    log.reserve(rec("b", Channel.EMAIL, T0.plus(Duration.ofDays(3)), false), TWO_A_WEEK);
    assertThat(log.reserve(rec("c", Channel.EMAIL, T0.plus(Duration.ofDays(6)), false),
        TWO_A_WEEK)).isEqualTo(Reservation.CAPPED);
    assertThat(log.reserve(rec("d", Channel.EMAIL, T0.minus(Duration.ofDays(2)), false),
        TWO_A_WEEK)).isEqualTo(Reservation.CAPPED);
    assertThat(log.find(MessageKey.of("c"))).isEmpty();
    // exactly one window after "a", only "b" is within reach
    assertThat(log.reserve(rec("e", Channel.EMAIL, T0.plus(Duration.ofDays(7)), false),
        TWO_A_WEEK)).isEqualTo(Reservation.RESERVED);
    assertThat(log.reserve(rec("f", Channel.EMAIL, T0.plus(Duration.ofDays(9)), false),
        TWO_A_WEEK)).isEqualTo(Reservation.CAPPED);
  }

  @Test
  void operationalMessagesAndOtherChannelsAreNotCapped() {
    log.reserve(rec("a", Channel.EMAIL, T0, false), TWO_A_WEEK);
    log.reserve(rec("b", Channel.EMAIL, T0, false), TWO_A_WEEK);
    assertThat(log.reserve(rec("op", Channel.EMAIL, T0, true), TWO_A_WEEK))
        .isEqualTo(Reservation.RESERVED);
    assertThat(log.reserve(rec("sms", Channel.SMS, T0, false), TWO_A_WEEK))
        .isEqualTo(Reservation.RESERVED);
    assertThat(log.reserve(rec("c", Channel.EMAIL, T0.plusSeconds(1), false), TWO_A_WEEK))
        .isEqualTo(Reservation.CAPPED);
  }

  @Test
  void deleteLeadRemovesItsRecordsOnlyAndFreesItsCap() {
    log.reserve(rec("a", Channel.EMAIL, T0, false), TWO_A_WEEK);
    log.reserve(rec("b", Channel.EMAIL, T0, false), TWO_A_WEEK);
    SendRecord other = new SendRecord(MessageKey.of("o"), LeadId.of("lead-2"), Channel.EMAIL,
        "tpl-o", T0, false, "j", "s");
    log.reserve(other, TWO_A_WEEK);
    assertThat(log.deleteLead(LEAD)).isEqualTo(2);
    assertThat(log.forLead(LEAD, Instant.EPOCH)).isEmpty();
    assertThat(log.find(MessageKey.of("a"))).isEmpty();
    assertThat(log.forLead(LeadId.of("lead-2"), Instant.EPOCH)).containsExactly(other);
    assertThat(log.reserve(rec("c", Channel.EMAIL, T0, false), TWO_A_WEEK))
        .isEqualTo(Reservation.RESERVED);
    assertThat(log.deleteLead(LeadId.of("nobody"))).isZero();
  }

  @Test
  void recordsOfALeadSinceATimeComeInTimeOrder() {
    log.reserve(rec("late", Channel.EMAIL, T0.plus(Duration.ofDays(20)), false), List.of());
    log.reserve(rec("early", Channel.EMAIL, T0, false), List.of());
    log.reserve(rec("mid", Channel.EMAIL, T0.plus(Duration.ofDays(10)), false), List.of());
    assertThat(log.forLead(LEAD, T0.plus(Duration.ofDays(5))))
        .extracting(r -> r.key().value()).containsExactly("mid", "late");
    assertThat(log.forLead(LeadId.of("nobody"), Instant.EPOCH)).isEmpty();
  }
}
