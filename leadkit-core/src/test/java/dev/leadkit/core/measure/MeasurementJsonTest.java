package dev.leadkit.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadkit.core.json.InvalidJsonException;
import dev.leadkit.core.json.LeadkitJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementJsonTest {
  private final SyntheticLeads data = new SyntheticLeads(42, 60);
  private final ReportPeriod april = SyntheticLeads.APRIL;

  private static JsonNode reparse(JsonNode n) {
    return LeadkitJson.parse(MeasurementJson.text(n));
  }

  @Test
  void kpiReportRoundTripsThroughJsonText() {
    KpiReport k = Measurement.kpis(data.source, april, KpiSettings.ofDefaults());
    JsonNode n = reparse(MeasurementJson.kpis(k));
    assertThat(MeasurementJson.kpis(n)).isEqualTo(k);
    assertThat(n.get("reach").longValue()).isEqualTo(k.reach());
    assertThat(n.at("/rates/win/denominator").longValue()).isEqualTo(k.wins() + k.losses());
  }

  @Test
  void funnelVelocityAndProgramsRoundTrip() {
    Funnel f = Measurement.funnel(data.source, april, LeadGrouping.bySource());
    assertThat(MeasurementJson.funnel(reparse(MeasurementJson.funnel(f)))).isEqualTo(f);
    for (StageVelocity v : Measurement.stageVelocities(data.source, april)) {
      assertThat(MeasurementJson.velocity(reparse(MeasurementJson.velocity(v)), "v"))
          .isEqualTo(v);
    }
    PipelineVelocity p = Measurement.pipelineVelocity(data.source, april);
    PipelineVelocity back = MeasurementJson.pipeline(reparse(MeasurementJson.pipeline(p)), "p");
    assertThat(back.openOpportunities()).isEqualTo(p.openOpportunities());
    assertThat(back.salesCycle()).isEqualTo(p.salesCycle());
    assertThat(back.perDay().isPresent()).isEqualTo(p.perDay().isPresent());
    ProgramPerformance pp = Measurement.programPerformance(data.source, april,
        Attribution.defaults());
    assertThat(MeasurementJson.programs(reparse(MeasurementJson.programs(pp)))).isEqualTo(pp);
  }

  @Test
  void undefinedRateIsWrittenWithNullValue() {
    JsonNode n = MeasurementJson.rate(Rate.UNDEFINED);
    assertThat(n.get("value").isNull()).isTrue();
    assertThat(MeasurementJson.text(MeasurementJson.rate(Rate.of(1, 4))))
        .isEqualTo("{\"numerator\":1,\"denominator\":4,\"value\":0.25}");
  }

  @Test
  void readingAWrongShapeNamesTheField() {
    JsonNode n = LeadkitJson.parse("{\"v\":1,\"kind\":\"kpis\",\"period\":{\"from\":"
        + "\"2026-04-01T00:00:00Z\",\"to\":\"2026-05-01T00:00:00Z\"},\"activeLeads\":\"six\"}");
    assertThatThrownBy(() -> MeasurementJson.kpis(n)).isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("subscribers");
    JsonNode bad = LeadkitJson.parse("{\"group\":[],\"sent\":1,\"bounced\":0,\"opened\":2,"
        + "\"clicked\":0,\"unsubscribed\":0,\"converted\":0}");
    assertThatThrownBy(() -> MeasurementJson.mail(bad, "mail"))
        .isInstanceOf(InvalidJsonException.class).hasMessageContaining("mail:");
    assertThatThrownBy(() -> MeasurementJson.funnel(LeadkitJson.parse(
        "{\"v\":1,\"kind\":\"kpis\"}"))).isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("funnel.kind");
  }

  @Test
  void tablesShowEveryKpiLineWithItsCounts() {
    KpiReport k = Measurement.kpis(data.source, april, KpiSettings.ofDefaults());
    String t = ReportTables.kpis(k);
    for (String label : List.of("approach count", "conversion rate", "inquiry rate",
        "appointment rate", "opportunity rate", "win rate", "downloads", "subscribers at end",
        "open rate", "click rate", "unsubscribe rate", "bounce rate", "conversion from mail",
        "conversion from landing pages")) {
      assertThat(t).contains(label);
    }
    assertThat(t).contains(k.winRate().percent());
    String f = ReportTables.funnel(Measurement.funnel(data.source, april,
        LeadGrouping.bySource()));
    assertThat(f).contains("REACH", "WON", "(none)");
    assertThat(ReportTables.programs(Measurement.programPerformance(data.source, april,
        Attribution.defaults()))).contains("welcome", "journey / step");
    assertThat(ReportTables.velocity(Measurement.stageVelocities(data.source, april),
        Measurement.pipelineVelocity(data.source, april))).contains("MQL -> SQL",
        "value per day");
  }
}
