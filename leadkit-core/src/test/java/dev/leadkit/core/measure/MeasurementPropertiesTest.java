package dev.leadkit.core.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MeasurementPropertiesTest {
  private static List<Rate> allRates(KpiReport k, ProgramPerformance p, Funnel f) {
    List<Rate> rates = new ArrayList<>(List.of(k.conversionRate(), k.inquiryRate(),
        k.appointmentRate(), k.opportunityRate(), k.winRate(), k.openRate(), k.clickRate(),
        k.unsubscribeRate(), k.bounceRate(), k.mailConversionRate(),
        k.landingPageConversionRate()));
    for (List<ProgramRow> rows : List.of(p.byJourney(), p.byStep(), p.byTemplate())) {
      for (ProgramRow r : rows) {
        rates.addAll(List.of(r.mail().openRate(), r.mail().clickRate(),
            r.mail().unsubscribeRate(), r.mail().bounceRate(), r.mail().conversionRate()));
      }
    }
    f.total().forEach(s -> rates.addAll(List.of(s.fromPrevious(), s.fromTop())));
    f.groups().values().forEach(steps -> steps.forEach(
        s -> rates.addAll(List.of(s.fromPrevious(), s.fromTop()))));
    return rates;
  }

  @Property(tries = 60)
  void everyRateStaysWithinZeroAndOne(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 40) int leads) {
    SyntheticLeads data = new SyntheticLeads(seed, leads);
    KpiReport k = Measurement.kpis(data.source, SyntheticLeads.APRIL, KpiSettings.ofDefaults());
    ProgramPerformance p = Measurement.programPerformance(data.source, SyntheticLeads.APRIL,
        Attribution.defaults());
    Funnel f = Measurement.funnel(data.source, SyntheticLeads.APRIL, LeadGrouping.bySource());
    assertThat(allRates(k, p, f)).allSatisfy(r -> {
      assertThat(r.value()).isBetween(0.0, 1.0);
      assertThat(r.numerator()).isLessThanOrEqualTo(r.denominator());
    });
    assertThat(Measurement.pipelineVelocity(data.source, SyntheticLeads.APRIL).winRate()
        .value()).isBetween(0.0, 1.0);
  }

  @Property(tries = 60)
  void funnelCountsNeverGrowDownTheFunnel(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 40) int leads) {
    SyntheticLeads data = new SyntheticLeads(seed, leads);
    ReportPeriod wide = ReportPeriod.of(SyntheticLeads.T0.minusSeconds(86_400L * 60),
        SyntheticLeads.APRIL.to());
    for (LeadGrouping g : List.of(LeadGrouping.all(), LeadGrouping.bySource(),
        LeadGrouping.byCreationMonth(ZoneOffset.UTC))) {
      Funnel f = Measurement.funnel(data.source, wide, g);
      List<List<FunnelStep>> all = new ArrayList<>(f.groups().values());
      all.add(f.total());
      for (List<FunnelStep> steps : all) {
        for (int i = 1; i < steps.size(); i++) {
          assertThat(steps.get(i).count()).isLessThanOrEqualTo(steps.get(i - 1).count());
        }
      }
      long known = f.groups().values().stream()
          .mapToLong(s -> s.get(FunnelStage.KNOWN.ordinal()).count()).sum();
      assertThat(f.count(FunnelStage.KNOWN)).isEqualTo(known);
    }
  }

  @Property(tries = 40)
  void velocityMedianLiesBetweenTheShortestAndLongestMove(@ForAll long seed) {
    SyntheticLeads data = new SyntheticLeads(seed, 40);
    for (StageVelocity v : Measurement.stageVelocities(data.source, SyntheticLeads.APRIL)) {
      var moves = data.source.stageMoves(SyntheticLeads.APRIL, v.from(), v.to());
      assertThat(v.moves()).isEqualTo(moves.size());
      if (!moves.isEmpty()) {
        assertThat(v.median().orElseThrow()).isBetween(moves.get(0),
            moves.get(moves.size() - 1));
        assertThat(v.mean().orElseThrow()).isBetween(moves.get(0), moves.get(moves.size() - 1));
      }
    }
  }
}
