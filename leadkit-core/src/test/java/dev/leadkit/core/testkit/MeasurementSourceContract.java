package dev.leadkit.core.testkit;

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
import dev.leadkit.core.measure.AssetConversion;
import dev.leadkit.core.measure.Attribution;
import dev.leadkit.core.measure.Funnel;
import dev.leadkit.core.measure.FunnelStage;
import dev.leadkit.core.measure.KpiReport;
import dev.leadkit.core.measure.KpiSettings;
import dev.leadkit.core.measure.LeadGrouping;
import dev.leadkit.core.measure.Measurement;
import dev.leadkit.core.measure.MeasurementSource;
import dev.leadkit.core.measure.PipelineVelocity;
import dev.leadkit.core.measure.ProgramPerformance;
import dev.leadkit.core.measure.ProgramRow;
import dev.leadkit.core.measure.Rate;
import dev.leadkit.core.measure.ReportPeriod;
import dev.leadkit.core.measure.StageVelocity;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MeasurementSource} must pass, checked through the report builders
 * of {@link Measurement} against known answers on one synthetic month. Subclass it and return
 * empty stores and a source reading them from {@link #newFixture()}.
 *
 * <p>The data (period: April 2026 UTC, {@code T0} = April 1st):
 *
 * <pre>
 * a  created T0-10d, source expo, email subscribed T0-10d; MQL +1d, SQL +3d, OPPORTUNITY +5d,
 *    CUSTOMER +15d; /lp/spring view +1d, inquiry form +1d1h, meeting +4d, purchase 1000 +15d,
 *    nurture/1/n1 mail m-a1 +4d opened +4d1h
 * b  created +2d, source web, it_admin/manufacturing; SQL +4d, OPPORTUNITY +6d, LOST +20d;
 *    downloads wp1 +2d, wp2 +3d
 * c  created +3d, source web, it_admin/manufacturing, subscribed +3d; download wp1 +4d; mail
 *    m-c1 +5d (no journey) bounced
 * d  created T0-40d, subscribed T0-40d; nothing in April
 * e  created +5d, source expo, unsubscribed +6d1h; MQL +7d; welcome/1/w1 m-e1 +5d opened and
 *    clicked; welcome/2/w2 m-e2 +6d unsubscribed +6d1h; exited welcome step 2 "unsubscribed";
 *    meeting +8d; purchase "TBD" +9d
 * g  created +12d, source web; /lp/spring +12d, newsletter form +12d10m
 * h  created T0-20d; OPPORTUNITY +25d
 * visitors: v1 /lp/spring +2d, v2 /blog +2d, v3 /lp/spring T0-5d
 * </pre>
 */
public abstract class MeasurementSourceContract {
  protected static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  protected static final ReportPeriod APRIL = ReportPeriod.of(T0, T0.plus(Duration.ofDays(30)));
  private static final StageTransitions TABLE = StageTransitions.defaults();

  /** Empty stores and a measurement source that reads them. */
  public record Fixture(LeadStore leads, TouchpointLog log, MeasurementSource source) {}

  /** A fresh fixture with empty stores. */
  protected abstract Fixture newFixture();

  protected Fixture fx;
  protected MeasurementSource source;

  private static Instant at(double days) {
    return T0.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
  }

  private static Lead lead(String id, double createdDays, String source) {
    Attributes attrs = source.isEmpty() ? Attributes.empty()
        : Attributes.empty().with(AttributeKey.SOURCE, source);
    return Lead.create(LeadId.of(id), EmailAddress.parse(id + "@example.com"), attrs,
        at(createdDays));
  }

  private static Lead stage(Lead l, LifecycleStage to, double days) {
    return l.withStage(to, "test", at(days), TABLE);
  }

  private static Lead consent(Lead l, ConsentStatus s, double days) {
    return l.withConsent(new ConsentRecord(Channel.EMAIL, s, "test", at(days)));
  }

  private static Touchpoint tp(String id, String lead, TouchpointType type, double days,
      String... props) {
    Touchpoint.Builder b = Touchpoint.forLead(LeadId.of(lead), type, at(days)).id(id);
    for (int i = 0; i < props.length; i += 2) {
      b.property(PropertyKey.of(props[i]), props[i + 1]);
    }
    return b.build();
  }

  private static Touchpoint visit(String id, String visitor, double days, String url) {
    return Touchpoint.forVisitor(VisitorId.of(visitor), TouchpointType.PAGE_VIEW, at(days))
        .id(id).url(url).build();
  }

  @BeforeEach
  void loadSyntheticMonth() {
    fx = newFixture();
    source = fx.source();
    double h = 1.0 / 24;
    Lead a = lead("a", -10, "expo");
    a = consent(a, ConsentStatus.SUBSCRIBED, -10);
    a = stage(stage(stage(stage(a, LifecycleStage.MQL, 1), LifecycleStage.SQL, 3),
        LifecycleStage.OPPORTUNITY, 5), LifecycleStage.CUSTOMER, 15);
    Lead b = lead("b", 2, "web");
    b = b.withAttributes(b.attributes().with(AttributeKey.ROLE, "it_admin")
        .with(AttributeKey.INDUSTRY, "manufacturing"), b.createdAt());
    b = stage(stage(stage(b, LifecycleStage.SQL, 4), LifecycleStage.OPPORTUNITY, 6),
        LifecycleStage.LOST, 20);
    Lead c = lead("c", 3, "web");
    c = c.withAttributes(c.attributes().with(AttributeKey.ROLE, "it_admin")
        .with(AttributeKey.INDUSTRY, "manufacturing"), c.createdAt());
    c = consent(c, ConsentStatus.SUBSCRIBED, 3);
    Lead d = consent(lead("d", -40, ""), ConsentStatus.SUBSCRIBED, -40);
    Lead e = lead("e", 5, "expo");
    e = consent(e, ConsentStatus.UNSUBSCRIBED, 6 + h);
    e = stage(e, LifecycleStage.MQL, 7);
    Lead g = lead("g", 12, "web");
    Lead hh = stage(lead("h", -20, ""), LifecycleStage.OPPORTUNITY, 25);
    fx.leads().saveAll(List.of(a, b, c, d, e, g, hh));

    List<Touchpoint> t = new ArrayList<>();
    t.add(tp("a1", "a", TouchpointType.PAGE_VIEW, 1, "url", "https://example.com/lp/spring"));
    t.add(tp("a2", "a", TouchpointType.FORM_SUBMITTED, 1 + h, "form", "inquiry"));
    t.add(tp("a3", "a", TouchpointType.MEETING, 4));
    t.add(tp("a4", "a", TouchpointType.PURCHASE, 15, "amount", "1000"));
    t.add(tp("a5", "a", TouchpointType.EMAIL_SENT, 4, "message_key", "m-a1", "journey",
        "nurture", "step", "1", "template", "n1"));
    t.add(tp("a6", "a", TouchpointType.EMAIL_OPENED, 4 + h, "message_key", "m-a1"));
    t.add(tp("b1", "b", TouchpointType.ASSET_DOWNLOADED, 2, "asset", "wp1"));
    t.add(tp("b2", "b", TouchpointType.ASSET_DOWNLOADED, 3, "asset", "wp2"));
    t.add(tp("c1", "c", TouchpointType.ASSET_DOWNLOADED, 4, "asset", "wp1"));
    t.add(tp("c2", "c", TouchpointType.EMAIL_SENT, 5, "message_key", "m-c1"));
    t.add(tp("c3", "c", TouchpointType.EMAIL_BOUNCED, 5 + h, "message_key", "m-c1"));
    t.add(tp("e1", "e", TouchpointType.EMAIL_SENT, 5, "message_key", "m-e1", "journey",
        "welcome", "step", "1", "template", "w1"));
    t.add(tp("e2", "e", TouchpointType.EMAIL_OPENED, 5 + h, "message_key", "m-e1"));
    t.add(tp("e3", "e", TouchpointType.EMAIL_CLICKED, 5 + 2 * h, "message_key", "m-e1"));
    t.add(tp("e4", "e", TouchpointType.EMAIL_SENT, 6, "message_key", "m-e2", "journey",
        "welcome", "step", "2", "template", "w2"));
    t.add(tp("e5", "e", TouchpointType.EMAIL_UNSUBSCRIBED, 6 + h, "message_key", "m-e2"));
    t.add(tp("e6", "e", TouchpointType.JOURNEY_EXITED, 6 + h, "journey", "welcome", "step",
        "2", "reason", "unsubscribed"));
    t.add(tp("e7", "e", TouchpointType.MEETING, 8));
    t.add(tp("e8", "e", TouchpointType.PURCHASE, 9, "amount", "TBD"));
    t.add(tp("g1", "g", TouchpointType.PAGE_VIEW, 12, "url", "/lp/spring"));
    t.add(tp("g2", "g", TouchpointType.FORM_SUBMITTED, 12 + h / 6, "form", "newsletter"));
    t.add(visit("v1", "v1", 2, "/lp/spring"));
    t.add(visit("v2", "v2", 2, "/blog"));
    t.add(visit("v3", "v3", -5, "/lp/spring"));
    fx.log().appendAll(t);
  }

  @Test
  void approachCountAndConversionRateCountActiveLeadsAndAnonymousVisitors() {
    KpiReport k = Measurement.kpis(source, APRIL, KpiSettings.ofDefaults());
    assertThat(k.activeLeads()).isEqualTo(6);
    assertThat(k.anonymousVisitors()).isEqualTo(2);
    assertThat(k.reach()).isEqualTo(8);
    assertThat(k.newLeads()).isEqualTo(4);
    assertThat(k.conversionRate()).isEqualTo(Rate.of(4, 8));
  }

  @Test
  void inquiryAppointmentAndOpportunityRatesAreOverActiveLeads() {
    KpiReport k = Measurement.kpis(source, APRIL, KpiSettings.ofDefaults());
    assertThat(k.inquiryRate()).isEqualTo(Rate.of(1, 6));
    assertThat(k.appointmentRate()).isEqualTo(Rate.of(2, 6));
    assertThat(k.opportunityRate()).isEqualTo(Rate.of(3, 6));
  }

  @Test
  void winRateIsWinsOverClosedDeals() {
    KpiReport k = Measurement.kpis(source, APRIL, KpiSettings.ofDefaults());
    assertThat(k.wins()).isEqualTo(1);
    assertThat(k.losses()).isEqualTo(1);
    assertThat(k.winRate()).isEqualTo(Rate.of(1, 2));
  }

  @Test
  void downloadsAndSubscribersAreCounted() {
    KpiReport k = Measurement.kpis(source, APRIL, KpiSettings.ofDefaults());
    assertThat(k.downloads()).isEqualTo(3);
    assertThat(k.downloaders()).isEqualTo(2);
    assertThat(k.subscribers().subscribedAtEnd()).isEqualTo(3);
    assertThat(k.subscribers().newSubscribers()).isEqualTo(1);
    assertThat(k.subscribers().unsubscribed()).isEqualTo(1);
  }

  @Test
  void mailRatesCountMessagesByKeyAndIgnoreBouncedOnes() {
    KpiReport k = Measurement.kpis(source, APRIL, KpiSettings.ofDefaults());
    assertThat(k.mail().sent()).isEqualTo(4);
    assertThat(k.mail().delivered()).isEqualTo(3);
    assertThat(k.openRate()).isEqualTo(Rate.of(2, 3));
    assertThat(k.clickRate()).isEqualTo(Rate.of(1, 3));
    assertThat(k.unsubscribeRate()).isEqualTo(Rate.of(1, 3));
    assertThat(k.bounceRate()).isEqualTo(Rate.of(1, 4));
  }

  @Test
  void conversionFromMailAndLandingPages() {
    KpiReport k = Measurement.kpis(source, APRIL, KpiSettings.ofDefaults());
    assertThat(k.mailConversionRate()).isEqualTo(Rate.of(1, 3));
    assertThat(k.landingPageConversionRate()).isEqualTo(Rate.of(2, 3));
  }

  @Test
  void aShorterAttributionWindowCreditsNoMailConversion() {
    KpiReport k = Measurement.kpis(source, APRIL, KpiSettings.ofDefaults().withAttribution(
        new Attribution(LifecycleStage.OPPORTUNITY, Duration.ofHours(12))));
    assertThat(k.mailConversionRate()).isEqualTo(Rate.of(0, 3));
  }

  @Test
  void anEmptyPeriodHasUndefinedRatesNotErrors() {
    ReportPeriod future = ReportPeriod.of(T0.plus(Duration.ofDays(400)),
        T0.plus(Duration.ofDays(401)));
    KpiReport k = Measurement.kpis(source, future, KpiSettings.ofDefaults());
    assertThat(k.reach()).isZero();
    assertThat(List.of(k.conversionRate(), k.inquiryRate(), k.winRate(), k.openRate(),
        k.landingPageConversionRate())).allSatisfy(r -> {
          assertThat(r.defined()).isFalse();
          assertThat(r.value()).isZero();
        });
  }

  @Test
  void funnelCountsLeadsCreatedInThePeriodByFurthestStage() {
    Funnel f = Measurement.funnel(source, APRIL, LeadGrouping.bySource());
    assertThat(f.total()).extracting(s -> s.count()).containsExactly(6L, 4L, 2L, 1L, 1L, 0L);
    assertThat(f.anonymousVisitors()).isEqualTo(2);
    assertThat(f.groups().keySet()).containsExactly("expo", "web");
    assertThat(f.groups().get("web")).extracting(s -> s.count())
        .containsExactly(3L, 3L, 1L, 1L, 1L, 0L);
    assertThat(f.count("expo", FunnelStage.MQL)).isEqualTo(1);
    assertThat(f.total().get(FunnelStage.MQL.ordinal()).fromPrevious()).isEqualTo(Rate.of(2, 4));
  }

  @Test
  void funnelByCohortSplitsByCreationMonth() {
    ReportPeriod q = ReportPeriod.of(T0.minus(Duration.ofDays(60)), APRIL.to());
    Funnel f = Measurement.funnel(source, q, LeadGrouping.byCreationMonth(ZoneOffset.UTC));
    assertThat(f.groups().keySet()).containsExactly("2026-02", "2026-03", "2026-04");
    assertThat(f.groups().get("2026-03")).extracting(s -> s.count())
        .containsExactly(2L, 2L, 2L, 2L, 2L, 1L);
  }

  @Test
  void stageVelocityReportsMovesMeanAndMedian() {
    StageVelocity knownToMql = Measurement.stageVelocity(source, APRIL, LifecycleStage.KNOWN,
        LifecycleStage.MQL);
    assertThat(knownToMql.moves()).isEqualTo(2);
    assertThat(knownToMql.mean()).contains(Duration.ofHours(156));
    assertThat(knownToMql.median()).contains(Duration.ofHours(156));
    StageVelocity sqlToOpp = Measurement.stageVelocity(source, APRIL, LifecycleStage.SQL,
        LifecycleStage.OPPORTUNITY);
    assertThat(sqlToOpp.moves()).isEqualTo(2);
    assertThat(sqlToOpp.mean()).contains(Duration.ofDays(2));
    assertThat(Measurement.stageVelocities(source, APRIL)).extracting(StageVelocity::moves)
        .containsExactly(2L, 1L, 2L, 1L);
  }

  @Test
  void pipelineVelocityIsOpportunitiesTimesWinRateTimesDealValueOverCycleDays() {
    PipelineVelocity v = Measurement.pipelineVelocity(source, APRIL);
    assertThat(v.openOpportunities()).isEqualTo(1);
    assertThat(v.winRate()).isEqualTo(Rate.of(1, 2));
    assertThat(v.averageDealValue()).hasValueSatisfying(
        d -> assertThat(d).isEqualByComparingTo("1000"));
    assertThat(v.salesCycle()).contains(Duration.ofDays(10));
    assertThat(v.perDay()).hasValueSatisfying(d -> assertThat(d).isEqualByComparingTo("50"));
  }

  @Test
  void programPerformanceSplitsByJourneyStepAndTemplateWithExitsByReason() {
    ProgramPerformance p = Measurement.programPerformance(source, APRIL,
        Attribution.defaults());
    assertThat(p.byJourney()).extracting(r -> r.key().get(0))
        .containsExactly("", "nurture", "welcome");
    ProgramRow welcome = p.journey("welcome").orElseThrow();
    assertThat(welcome.mail().sent()).isEqualTo(2);
    assertThat(welcome.mail().opened()).isEqualTo(1);
    assertThat(welcome.mail().clicked()).isEqualTo(1);
    assertThat(welcome.mail().unsubscribed()).isEqualTo(1);
    assertThat(welcome.exitsByReason()).isEqualTo(Map.of("unsubscribed", 1L));
    assertThat(p.journey("nurture").orElseThrow().mail().converted()).isEqualTo(1);
    assertThat(p.step("welcome", "2").orElseThrow().exits()).isEqualTo(1);
    assertThat(p.step("welcome", "1").orElseThrow().exits()).isZero();
    assertThat(p.template("w1").orElseThrow().mail().clickRate()).isEqualTo(Rate.of(1, 1));
    assertThat(p.template("").orElseThrow().mail().bounced()).isEqualTo(1);
  }

  @Test
  void assetConversionsCountDownloadsThatPrecededTheGoal() {
    List<AssetConversion> rows = source.assetConversions(
        List.of(AttributeKey.ROLE, AttributeKey.INDUSTRY), LifecycleStage.OPPORTUNITY);
    assertThat(rows).containsExactly(
        new AssetConversion(List.of("it_admin", "manufacturing"), "wp1", 2, 1),
        new AssetConversion(List.of("it_admin", "manufacturing"), "wp2", 1, 1));
  }

  @Test
  void stagesAtAnInstantFollowHistory() {
    assertThat(source.stagesAt(APRIL.to())).isEqualTo(Map.of(LifecycleStage.CUSTOMER, 1L,
        LifecycleStage.LOST, 1L, LifecycleStage.KNOWN, 3L, LifecycleStage.MQL, 1L,
        LifecycleStage.OPPORTUNITY, 1L));
    assertThat(source.stagesAt(T0)).isEqualTo(Map.of(LifecycleStage.KNOWN, 3L));
  }

  @Test
  void amountsSkipUnparseableValues() {
    var total = source.amounts(APRIL, dev.leadkit.core.measure.TouchpointFilter.ofTypes(
        TouchpointType.PURCHASE), PropertyKey.AMOUNT);
    assertThat(total.count()).isEqualTo(1);
    assertThat(total.unparseable()).isEqualTo(1);
    assertThat(total.sum()).isEqualByComparingTo(BigDecimal.valueOf(1000));
  }
}
