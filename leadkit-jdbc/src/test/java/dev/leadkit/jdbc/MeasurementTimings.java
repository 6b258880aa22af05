package dev.leadkit.jdbc;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.StageTransitions;
import dev.leadkit.core.measure.KpiSettings;
import dev.leadkit.core.measure.LeadGrouping;
import dev.leadkit.core.measure.Measurement;
import dev.leadkit.core.measure.MeasurementSource;
import dev.leadkit.core.measure.ReportPeriod;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Rough timings for the issue note, not a test: a KPI report plus a funnel by source over
 * 5,000 leads and 50,000 touchpoints, from the SQL measurement source, from the generic
 * in-memory source reading the same JDBC stores lead by lead (what a host has without the
 * push-down), and from the in-memory stores. One warm-up, then the median of three runs. Run
 * from the test class path (see {@link JdbcMeasurements}) with the database URLs set.
 */
public final class MeasurementTimings {
  private MeasurementTimings() {}

  /** Entry point. */
  public static void main(String[] args) {
    Random r = new Random(7);
    Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
    StageTransitions table = StageTransitions.defaults();
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      Instant created = t0.plus(Duration.ofMinutes(r.nextInt(60 * 24 * 60)));
      Lead l = Lead.create(LeadId.of("lead-" + i), EmailAddress.parse("l" + i + "@example.com"),
          Attributes.empty().with(AttributeKey.SOURCE, "s" + r.nextInt(5)), created);
      Instant t = created;
      for (int k = r.nextInt(4); k > 0; k--) {
        t = t.plus(Duration.ofHours(1 + r.nextInt(200)));
        List<LifecycleStage> to = new ArrayList<>(table.targets(l.stage()));
        to.sort(null);
        if (!to.isEmpty()) {
          l = l.withStage(to.get(r.nextInt(to.size())), "timing", t, table);
        }
      }
      leads.add(l);
    }
    List<Touchpoint> tps = new ArrayList<>();
    List<TouchpointType> types = List.of(TouchpointType.PAGE_VIEW, TouchpointType.EMAIL_SENT,
        TouchpointType.EMAIL_OPENED, TouchpointType.FORM_SUBMITTED,
        TouchpointType.ASSET_DOWNLOADED, TouchpointType.MEETING);
    for (int i = 0; i < 50_000; i++) {
      TouchpointType type = types.get(r.nextInt(types.size()));
      tps.add(Touchpoint.forLead(LeadId.of("lead-" + r.nextInt(5_000)), type,
          t0.plus(Duration.ofMinutes(r.nextInt(70 * 24 * 60)))).id("t" + i)
          .property(PropertyKey.MESSAGE_KEY, "m-" + r.nextInt(20_000))
          .property(PropertyKey.URL, r.nextBoolean() ? "/lp/a" : "/blog").build());
    }
    ReportPeriod april = ReportPeriod.of(Instant.parse("2026-04-01T00:00:00Z"),
        Instant.parse("2026-05-01T00:00:00Z"));
    LeadStore ml = InMemory.leadStore();
    TouchpointLog mt = InMemory.touchpointLog();
    ml.saveAll(leads);
    mt.appendAll(tps);
    System.out.printf("in-memory stores: %d ms%n", time(InMemory.measurementSource(ml, mt),
        april));
    for (Dialect d : Dialect.values()) {
      try {
        TestDatabases.dataSource(d);
      } catch (RuntimeException e) {
        System.out.println(d + ": not available");
        continue;
      }
      JdbcStores s = TestDatabases.stores(d, MeasurementTimings.class.getName())
          .leadCache(LeadCache.disabled()).build();
      for (int i = 0; i < leads.size(); i += 500) {
        s.leadStore().saveAll(leads.subList(i, Math.min(leads.size(), i + 500)));
      }
      s.touchpointLog().appendAll(tps);
      System.out.printf("%s: SQL source %d ms, generic scan over the JDBC ports %d ms%n", d,
          time(s.measurementSource(), april),
          time(InMemory.measurementSource(s.leadStore(), s.touchpointLog()), april));
    }
    TestDatabases.dropAll();
  }

  private static long time(MeasurementSource source, ReportPeriod period) {
    long[] ms = new long[3];
    for (int run = -1; run < 3; run++) {
      long start = System.nanoTime();
      Measurement.kpis(source, period, KpiSettings.ofDefaults());
      Measurement.funnel(source, period, LeadGrouping.bySource());
      if (run >= 0) {
        ms[run] = (System.nanoTime() - start) / 1_000_000;
      }
    }
    Arrays.sort(ms);
    return ms[1];
  }
}
