package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.StageTransitions;
import dev.leadkit.core.measure.Attribution;
import dev.leadkit.core.measure.FunnelStage;
import dev.leadkit.core.measure.KpiSettings;
import dev.leadkit.core.measure.KpiTarget;
import dev.leadkit.core.measure.Measurement;
import dev.leadkit.core.measure.Metric;
import dev.leadkit.core.measure.OfflineCount;
import dev.leadkit.core.measure.OfflineCountStore;
import dev.leadkit.core.measure.TargetReport;
import dev.leadkit.core.measure.LandingPages;
import dev.leadkit.core.measure.LeadGrouping;
import dev.leadkit.core.measure.MeasurementSource;
import dev.leadkit.core.measure.ReportPeriod;
import dev.leadkit.core.measure.TouchpointFilter;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random leads (stage histories, consents, attributes) and touchpoints (mail with outcomes,
 * landing pages, downloads, purchases, anonymous visitors, touchpoints of unknown leads) loaded
 * into the in-memory stores and into each database; every query of {@link MeasurementSource}
 * must give the same answer from the in-memory source and from the SQL one, over several
 * periods. Fixed seeds, so a failure replays.
 */
class MeasurementDifferentialTest {
  private static final int SEEDS = 4;
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final StageTransitions TABLE = StageTransitions.defaults();
  private static final List<TouchpointType> MAIL_OUTCOMES = List.of(TouchpointType.EMAIL_OPENED,
      TouchpointType.EMAIL_CLICKED, TouchpointType.EMAIL_BOUNCED,
      TouchpointType.EMAIL_UNSUBSCRIBED);

  private static Instant at(java.util.Random r, int days) {
    return T0.plus(Duration.ofMinutes(r.nextInt(days * 24 * 60)));
  }

  private static <T> T pick(java.util.Random r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  private static List<Lead> leads(java.util.Random r, int n) {
    List<Lead> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Attributes a = Attributes.empty();
      if (r.nextInt(4) > 0) {
        a = a.with(AttributeKey.SOURCE, pick(r, List.of("expo", "web", "ads")));
      }
      if (r.nextBoolean()) {
        a = a.with(AttributeKey.ROLE, pick(r, List.of("it_admin", "cfo")));
      }
      Instant created = at(r, 60);
      Lead l = Lead.create(LeadId.of("lead-" + i), EmailAddress.parse("l" + i + "@example.com"),
          a, created);
      Instant t = created;
      for (int k = r.nextInt(5); k > 0; k--) {
        t = t.plus(Duration.ofMinutes(1 + r.nextInt(20 * 24 * 60)));
        List<LifecycleStage> targets = new ArrayList<>(TABLE.targets(l.stage()));
        if (targets.isEmpty()) {
          break;
        }
        targets.sort(null);
        l = l.withStage(pick(r, targets), "test", t, TABLE);
      }
      if (r.nextInt(3) > 0) {
        l = l.withConsent(new ConsentRecord(Channel.EMAIL, pick(r, List.of(
            ConsentStatus.SUBSCRIBED, ConsentStatus.UNSUBSCRIBED)), "test", at(r, 70)));
      }
      out.add(l);
    }
    return out;
  }

  private static List<Touchpoint> touchpoints(java.util.Random r, int leads, int n) {
    List<Touchpoint> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant t = at(r, 70);
      int who = r.nextInt(leads + 4);
      Touchpoint.Builder b;
      int kind = r.nextInt(8);
      if (who >= leads) {
        // anonymous visitors, or (who == leads + 3) a lead the store does not know
        b = who == leads + 3
            ? Touchpoint.forLead(LeadId.of("ghost"), TouchpointType.PAGE_VIEW, t)
            : Touchpoint.forVisitor(VisitorId.of("v" + r.nextInt(5)), pick(r, List.of(
                TouchpointType.PAGE_VIEW, TouchpointType.FORM_SUBMITTED)), t);
        b.url(pick(r, List.of("/lp/spring", "/blog", "https://example.com/lp/x")));
      } else {
        LeadId lead = LeadId.of("lead-" + who);
        switch (kind) {
          case 0 -> b = Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, t)
              .url(pick(r, List.of("/lp/spring", "/blog")));
          case 1 -> {
            String key = "m-" + r.nextInt(12);
            b = Touchpoint.forLead(lead, TouchpointType.EMAIL_SENT, t)
                .property(PropertyKey.MESSAGE_KEY, key)
                .property(PropertyKey.of("journey"), pick(r, List.of("welcome", "nurture")))
                .property(PropertyKey.of("template"), pick(r, List.of("w1", "w2", "n1")));
          }
          case 2 -> b = Touchpoint.forLead(lead, pick(r, MAIL_OUTCOMES), t)
              .property(PropertyKey.MESSAGE_KEY, "m-" + r.nextInt(12));
          case 3 -> b = Touchpoint.forLead(lead, TouchpointType.ASSET_DOWNLOADED, t)
              .property(PropertyKey.ASSET, pick(r, List.of("wp1", "wp2")));
          case 4 -> b = Touchpoint.forLead(lead, TouchpointType.PURCHASE, t)
              .property(PropertyKey.AMOUNT, pick(r, List.of("100", "2500.50", "TBD")));
          case 5 -> b = Touchpoint.forLead(lead, TouchpointType.FORM_SUBMITTED, t)
              .property(PropertyKey.of("form"), pick(r, List.of("inquiry", "newsletter")));
          case 6 -> b = Touchpoint.forLead(lead, TouchpointType.EMAIL_REPLIED, t)
              .property(PropertyKey.MESSAGE_KEY, "m-" + r.nextInt(12));
          default -> b = Touchpoint.forLead(lead, TouchpointType.MEETING, t);
        }
      }
      out.add(b.id("t" + i).build());
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void sqlMeasurementAgreesWithTheInMemorySourceOnRandomData(Dialect d) {
    for (int seed = 1; seed <= SEEDS; seed++) {
      java.util.Random r = new java.util.Random(seed);
      List<Lead> leads = leads(r, 25);
      List<Touchpoint> tps = touchpoints(r, 25, 300);
      LeadStore memLeads = InMemory.leadStore();
      TouchpointLog memLog = InMemory.touchpointLog();
      memLeads.saveAll(leads);
      memLog.appendAll(tps);
      MeasurementSource memory = InMemory.measurementSource(memLeads, memLog);
      JdbcStores stores = TestDatabases.stores(d, getClass().getName()).build();
      stores.leadStore().saveAll(leads);
      stores.touchpointLog().appendAll(tps);
      MeasurementSource sql = stores.measurementSource();

      List<ReportPeriod> periods = List.of(
          ReportPeriod.of(T0, T0.plus(Duration.ofDays(30))),
          ReportPeriod.of(T0.plus(Duration.ofDays(20)), T0.plus(Duration.ofDays(50))),
          ReportPeriod.of(T0.minus(Duration.ofDays(5)), T0.plus(Duration.ofDays(90))));
      Set<TouchpointType> passive = Set.of(TouchpointType.EMAIL_SENT);
      TouchpointFilter purchases = TouchpointFilter.ofTypes(TouchpointType.PURCHASE);
      TouchpointFilter forms = TouchpointFilter.ofTypes(TouchpointType.FORM_SUBMITTED,
          TouchpointType.PAGE_VIEW).where(PropertyKey.of("form"), "inquiry");
      for (ReportPeriod p : periods) {
        String what = d + " seed " + seed + " period " + p;
        Instant asOf = p.to();
        for (LeadGrouping g : List.of(LeadGrouping.all(), LeadGrouping.bySource(),
            LeadGrouping.byCreationMonth(ZoneId.of("Asia/Tokyo")))) {
          assertThat(sql.furthestStages(p, asOf, g)).as(what + " furthest " + g)
              .isEqualTo(memory.furthestStages(p, asOf, g));
        }
        assertThat(sql.stagesAt(p.from())).as(what).isEqualTo(memory.stagesAt(p.from()));
        assertThat(sql.stagesAt(asOf)).as(what).isEqualTo(memory.stagesAt(asOf));
        assertThat(sql.leadsMoving(p, Set.of(), EnumSet.of(LifecycleStage.OPPORTUNITY,
            LifecycleStage.CUSTOMER))).as(what).isEqualTo(memory.leadsMoving(p, Set.of(),
                EnumSet.of(LifecycleStage.OPPORTUNITY, LifecycleStage.CUSTOMER)));
        assertThat(sql.leadsMoving(p, EnumSet.of(LifecycleStage.MQL), EnumSet.of(
            LifecycleStage.SQL))).as(what).isEqualTo(memory.leadsMoving(p, EnumSet.of(
                LifecycleStage.MQL), EnumSet.of(LifecycleStage.SQL)));
        for (LifecycleStage[] move : new LifecycleStage[][] {
            {LifecycleStage.KNOWN, LifecycleStage.MQL}, {LifecycleStage.MQL,
                LifecycleStage.OPPORTUNITY}, {LifecycleStage.SQL, LifecycleStage.CUSTOMER}}) {
          assertThat(sql.stageMoves(p, move[0], move[1])).as(what + " moves")
              .isEqualTo(memory.stageMoves(p, move[0], move[1]));
        }
        assertThat(sql.activity(p, passive)).as(what).isEqualTo(memory.activity(p, passive));
        assertThat(sql.activity(p, Set.of())).as(what).isEqualTo(memory.activity(p, Set.of()));
        assertThat(sql.touchpointCounts(p, forms, List.of())).as(what)
            .isEqualTo(memory.touchpointCounts(p, forms, List.of()));
        TouchpointFilter mail = TouchpointFilter.ofTypes(TouchpointType.EMAIL_SENT,
            TouchpointType.EMAIL_OPENED);
        List<PropertyKey> byJourney = List.of(PropertyKey.of("journey"),
            PropertyKey.of("template"));
        assertThat(sql.touchpointCounts(p, mail, byJourney)).as(what)
            .isEqualTo(memory.touchpointCounts(p, mail, byJourney));
        assertThat(sql.amounts(p, purchases, PropertyKey.AMOUNT)).as(what)
            .isEqualTo(memory.amounts(p, purchases, PropertyKey.AMOUNT));
        for (Attribution a : List.of(Attribution.defaults(), new Attribution(
            LifecycleStage.MQL, Duration.ofDays(3)))) {
          assertThat(sql.messageOutcomes(p, byJourney, a)).as(what + " outcomes " + a)
              .isEqualTo(memory.messageOutcomes(p, byJourney, a));
        }
        LandingPages lp = LandingPages.under("/lp/");
        Set<TouchpointType> conversions = Set.of(TouchpointType.FORM_SUBMITTED);
        assertThat(sql.landingPageConversions(p, lp, conversions, Duration.ofDays(2)))
            .as(what).isEqualTo(memory.landingPageConversions(p, lp, conversions,
                Duration.ofDays(2)));
        assertThat(sql.subscribers(p, Channel.EMAIL)).as(what)
            .isEqualTo(memory.subscribers(p, Channel.EMAIL));
      }
      // targets, with the host's offline figures as denominators, on both sides
      OfflineCountStore memOffline = InMemory.offlineCounts();
      OfflineCountStore sqlOffline = stores.offlineCounts();
      for (int i = 0; i < 20; i++) {
        OfflineCount c = OfflineCount.of("booth_visitors", at(r, 70), 1 + r.nextInt(300));
        memOffline.put(c);
        sqlOffline.put(c);
      }
      Metric inquiries = Metric.leads("inquirers", forms);
      List<KpiTarget> targets = new ArrayList<>();
      for (ReportPeriod p : periods) {
        for (Metric m : List.of(Metric.replies(), Metric.actions(), inquiries,
            Metric.offline("booth_visitors"), Metric.step(FunnelStage.MQL),
            Metric.kpi(Metric.KpiFigure.OPPORTUNITY_RATE), Metric.kpi(Metric.KpiFigure.REACH),
            Metric.ratio("per_visitor", Metric.actions(), Metric.offline("booth_visitors")))) {
          targets.add(KpiTarget.of(m, p, 3));
        }
      }
      TargetReport memTargets = Measurement.targets(memory, memOffline, targets,
          KpiSettings.ofDefaults());
      assertThat(Measurement.targets(sql, sqlOffline, targets, KpiSettings.ofDefaults()))
          .as(d + " seed " + seed + " targets").isEqualTo(memTargets);
      assertThat(memTargets.rows().get(0).actual()).hasValueSatisfying(v ->
          assertThat(v).isPositive());

      // the data is rich enough for the comparisons to mean something
      ReportPeriod all = periods.get(2);
      assertThat(memory.messageOutcomes(all, List.of(), Attribution.defaults())).isNotEmpty();
      assertThat(memory.stageMoves(all, LifecycleStage.KNOWN, LifecycleStage.MQL)).isNotEmpty();
      assertThat(memory.activity(all, passive).anonymousVisitors()).isPositive();
      assertThat(memory.assetConversions(List.of(), LifecycleStage.MQL)).isNotEmpty();
      for (LifecycleStage goal : List.of(LifecycleStage.MQL, LifecycleStage.OPPORTUNITY)) {
        List<AttributeKey> persona = List.of(AttributeKey.ROLE, AttributeKey.SOURCE);
        assertThat(sql.assetConversions(persona, goal)).as(d + " seed " + seed + " assets")
            .isEqualTo(memory.assetConversions(persona, goal));
      }
    }
  }
}
