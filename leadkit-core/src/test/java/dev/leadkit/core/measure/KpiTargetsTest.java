package dev.leadkit.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.StageTransitions;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KpiTargetsTest {
  static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  static final ReportPeriod APRIL = ReportPeriod.of(T0, T0.plus(Duration.ofDays(30)));
  static final ReportPeriod MAY = ReportPeriod.of(APRIL.to(), APRIL.to().plus(Duration.ofDays(31)));

  final LeadStore leads = InMemory.leadStore();
  final TouchpointLog log = InMemory.touchpointLog();
  final OfflineCountStore offline = InMemory.offlineCounts();
  final MeasurementSource source = InMemory.measurementSource(leads, log);

  /** Ten cards scanned at the April expo booth, four of them became MQL; mail replies. */
  void exhibition() {
    List<Touchpoint> ts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      LeadId id = LeadId.of("card-" + i);
      Instant day = T0.plus(Duration.ofDays(3));
      Lead l = Lead.create(id, EmailAddress.parse("c" + i + "@example.com"), Attributes.empty(),
          day);
      if (i < 4) {
        l = l.withStage(LifecycleStage.MQL, "test", day.plus(Duration.ofDays(5)),
            StageTransitions.defaults());
      }
      leads.saveAll(List.of(l));
      ts.add(Touchpoint.forLead(id, TouchpointType.EVENT_ATTENDED, day)
          .property(PropertyKey.EVENT, "expo-2026").id("card-" + i).build());
      if (i < 3) {
        ts.add(Touchpoint.forLead(id, TouchpointType.EMAIL_REPLIED, day.plus(Duration.ofDays(7)))
            .id("reply-" + i).build());
      }
    }
    ts.add(Touchpoint.forLead(LeadId.of("card-0"), TouchpointType.FORM_SUBMITTED,
        T0.plus(Duration.ofDays(12))).property(PropertyKey.FORM, "inquiry").id("inq").build());
    log.appendAll(ts);
    offline.put(OfflineCount.of("booth_visitors", T0.plus(Duration.ofDays(3)), 30));
    offline.put(OfflineCount.of("booth_visitors", T0.plus(Duration.ofDays(4)), 10));
    // a corrected count replaces the first one
    offline.put(OfflineCount.of("booth_visitors", T0.plus(Duration.ofDays(4)), 20));
    offline.put(OfflineCount.of("booth_visitors", MAY.from(), 1000));
  }

  @Test
  void businessCardExchangeRateUsesTheBoothVisitorsAsDenominator() {
    exhibition();
    Metric cards = Metric.touchpoints("cards", TouchpointFilter.ofTypes(
        TouchpointType.EVENT_ATTENDED).where(PropertyKey.EVENT, "expo-2026"));
    Metric exchange = Metric.ratio("card_exchange_rate", cards, Metric.offline("booth_visitors"));
    TargetReport r = Measurement.targets(source, offline, List.of(
        KpiTarget.of(exchange, APRIL, 0.25),
        KpiTarget.of(Metric.offline("booth_visitors"), APRIL, 40),
        KpiTarget.of(Metric.step(FunnelStage.MQL), APRIL, 5),
        KpiTarget.of(Metric.kpi(Metric.KpiFigure.INQUIRIES), APRIL, 1),
        KpiTarget.of(Metric.replies(), APRIL, 6),
        KpiTarget.of(Metric.actions(), APRIL, 10),
        KpiTarget.of(Metric.leads("repliers", TouchpointFilter.ofTypes(
            TouchpointType.EMAIL_REPLIED)), APRIL, 3),
        KpiTarget.of(exchange, MAY, 0.1)), KpiSettings.ofDefaults());

    List<TargetRow> rows = r.rows();
    assertThat(offline.total("booth_visitors", APRIL)).isEqualTo(50);
    assertThat(rows.get(0).actual()).contains(10.0 / 50);
    assertThat(rows.get(0).achievement()).contains(0.2 / 0.25);
    assertThat(rows.get(0).met()).isFalse();
    assertThat(rows.get(1).actual()).contains(50.0);
    assertThat(rows.get(1).met()).isTrue();
    assertThat(rows.get(2).actual()).contains(4.0);
    assertThat(rows.get(2).achievement()).contains(0.8);
    assertThat(rows.get(3).actual()).contains(1.0);
    assertThat(rows.get(4).actual()).contains(3.0);
    assertThat(rows.get(4).achievement()).contains(0.5);
    // 10 attendances, 3 replies, 1 form
    assertThat(rows.get(5).actual()).contains(14.0);
    assertThat(rows.get(6).actual()).contains(3.0);
    // no cards in May: 0 / 1000
    assertThat(rows.get(7).actual()).contains(0.0);
    assertThat(r.met()).isEqualTo(4);
  }

  @Test
  void aRatioOverNothingIsUndefinedNotZero() {
    exhibition();
    Metric perVisitor = Metric.ratio("per_sheet", Metric.replies(), Metric.offline("sheets"));
    TargetRow row = Measurement.targets(source, offline, List.of(KpiTarget.of(perVisitor,
        APRIL, 0.5)), KpiSettings.ofDefaults()).rows().get(0);
    assertThat(row.actual()).isEqualTo(Optional.empty());
    assertThat(row.achievement()).isEmpty();
    assertThat(row.met()).isFalse();
  }

  @Test
  void badFiguresAndTargetsAreRefusedWithTheValue() {
    assertThatThrownBy(() -> OfflineCount.of("Booth Visitors", T0, 1))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("Booth Visitors");
    assertThatThrownBy(() -> OfflineCount.of("booth", T0, -1))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> KpiTarget.of(Metric.replies(), APRIL, 0))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("replies");
    assertThatThrownBy(() -> Metric.offline("x y")).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("x y");
  }
}
