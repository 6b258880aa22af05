package dev.leadkit.console;

import static dev.leadkit.console.ConsoleFixture.HOSTILE;
import static dev.leadkit.console.ConsoleFixture.texts;
import static dev.leadkit.console.ConsoleFixture.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.UnknownLeadException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.measure.Funnel;
import dev.leadkit.core.measure.FunnelStep;
import dev.leadkit.core.measure.KpiReport;
import dev.leadkit.core.measure.KpiSettings;
import dev.leadkit.core.measure.LeadGrouping;
import dev.leadkit.core.measure.Measurement;
import dev.leadkit.core.measure.MeasurementSource;
import dev.leadkit.core.measure.ReportPeriod;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.scoring.ScoreExplanation;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class PicturesTest {
  private static final ConsoleFixture F = new ConsoleFixture();
  private static final ReportPeriod NOVEMBER = ReportPeriod.of(
      Instant.parse("2025-10-31T15:00:00Z"), Instant.parse("2025-11-30T15:00:00Z"));

  private static MeasurementSource source() {
    return InMemory.measurementSource(F.kit.leadStore(), F.kit.touchpointLog());
  }

  @Test
  void kpiPageIsWellFormedEscapedAndShowsTheMeasuredCounts() {
    String html = KpiReportPage.html(source(), NOVEMBER, KpiSettings.ofDefaults(),
        View.japan());
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script")
        .contains("&lt;script&gt;");
    Document d = xml(html);
    assertThat(d.getElementsByTagNameNS("*", "script").getLength()).isZero();
    KpiReport k = Measurement.kpis(source(), NOVEMBER, KpiSettings.ofDefaults());
    assertThat(k.newLeads()).isEqualTo(12);
    List<String> cards = texts(d, "span");
    assertThat(cards.subList(0, 6)).containsExactly("" + k.reach(), "" + k.newLeads(),
        "" + k.activeLeads(), "" + k.opportunities(), "" + k.wins(), "" + k.mail().sent());
    assertThat(k.mail().sent()).isEqualTo(24);
    // the funnel: every stage's count, share of reach and step conversion as computed
    Funnel f = Measurement.funnel(source(), NOVEMBER, LeadGrouping.bySource(),
        KpiSettings.ofDefaults());
    NumberFormat pct = NumberFormat.getPercentInstance(Locale.JAPAN);
    pct.setMinimumFractionDigits(1);
    pct.setMaximumFractionDigits(1);
    List<String> svgTexts = texts(d, "text");
    for (int i = 1; i < f.total().size(); i++) {
      FunnelStep s = f.total().get(i);
      String expected = s.count() + " · share of reach " + (s.fromTop().defined()
          ? pct.format(s.fromTop().value()) : "–") + " · step conversion "
          + (s.fromPrevious().defined() ? pct.format(s.fromPrevious().value()) : "–");
      assertThat(svgTexts).as(s.stage().name()).contains(expected);
    }
    assertThat(f.count(dev.leadkit.core.measure.FunnelStage.MQL)).isEqualTo(3);
    // the hostile source is a column header, as text
    assertThat(texts(d, "th")).contains(HOSTILE);
  }

  @Test
  void moneyDatesAndNumbersFollowTheView() {
    View en = new View(ZoneId.of("America/New_York"), Locale.US, Currency.getInstance("USD"));
    Html h = new Html(en);
    assertThat(h.num(1_234_567)).isEqualTo("1,234,567");
    assertThat(h.money(new java.math.BigDecimal("1234567.5"))).isEqualTo("$1,234,567.50");
    Html ja = new Html(View.japan());
    assertThat(ja.money(new java.math.BigDecimal("1234567"))).isIn("￥1,234,567", "¥1,234,567");
    Instant at = Instant.parse("2025-11-01T00:00:00Z");
    assertThat(ja.dateTime(at)).isEqualTo(DateTimeFormatter.ofLocalizedDateTime(
        FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(Locale.JAPAN)
        .withZone(ZoneId.of("Asia/Tokyo")).format(at)).contains("2025/11/01").contains("9:00");
    assertThat(h.dateTime(at)).contains("Oct 31, 2025").contains("8:00");
    assertThat(View.of(ZoneId.of("UTC"), Locale.GERMANY).currency().getCurrencyCode())
        .isEqualTo("EUR");
    assertThatThrownBy(() -> View.of(ZoneId.of("UTC"), Locale.ENGLISH))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("en");
  }

  @Test
  void timelineShowsEveryTouchpointAndScoreContributionEscaped() {
    LeadId lead = F.leads.get(0);
    String html = LeadTimeline.html(F.kit, lead, View.japan());
    assertThat(html).doesNotContain("<script").doesNotContain("<b>")
        .doesNotContain("?<x>");
    Document d = xml(html);
    assertThat(texts(d, "h1")).containsExactly("Yamada " + HOSTILE + " <lead0@example.co.jp>");
    long touchpoints = F.kit.touchpointLog().findByLead(lead, TouchpointQuery.all()).size();
    List<String> cells = texts(d, "td");
    long touchRows = cells.stream().filter(c -> c.equals("touchpoint")).count();
    assertThat(touchRows).isEqualTo(touchpoints).isGreaterThanOrEqualTo(4);
    ScoreExplanation e = F.scoring.explain(lead, "engagement");
    assertThat(e.contributions()).isNotEmpty();
    long contributionRows = texts(d, "tr").stream()
        .filter(r -> r.contains("download") || r.contains("view")).count();
    assertThat(contributionRows).isGreaterThanOrEqualTo(e.contributions().size());
    assertThat(texts(d, "h3")).anySatisfy(t -> assertThat(t)
        .startsWith("engagement v1: " + new Html(View.japan()).dec(e.value())));
    assertThat(cells).anySatisfy(c -> assertThat(c).contains("url: /p/0?<x>"));
    assertThat(cells).anySatisfy(c -> assertThat(c).contains("tpl-<welcome-2>"));
    assertThat(texts(d, "h3")).anySatisfy(t -> assertThat(t).contains("Engaged " + HOSTILE));
    assertThatThrownBy(() -> LeadTimeline.html(F.kit, LeadId.of("nobody"), View.japan()))
        .isInstanceOf(UnknownLeadException.class);
  }
}
