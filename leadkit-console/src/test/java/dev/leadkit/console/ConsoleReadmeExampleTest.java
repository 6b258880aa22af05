package dev.leadkit.console;

import static dev.leadkit.console.ConsoleFixture.texts;
import static dev.leadkit.console.ConsoleFixture.xml;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.measure.KpiSettings;
import dev.leadkit.core.measure.Measurement;
import dev.leadkit.core.measure.MeasurementSource;
import dev.leadkit.core.measure.ReportPeriod;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyDiagram;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.JourneyStats;
import dev.leadkit.journey.Journeys;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The README's "Pictures and the console" snippet, compiled and run; keep the two in step. */
class ConsoleReadmeExampleTest {
  private static final ConsoleFixture F = new ConsoleFixture();

  @Test
  void picturesAndTheStandaloneConsoleRun() throws Exception {
    LeadKit kit = F.kit;
    Journeys journeys = F.journeys;
    LeadId lead = F.leads.get(1);
    MeasurementSource source = InMemory.measurementSource(kit.leadStore(), kit.touchpointLog());
    ReportPeriod period = ReportPeriod.of(
        Instant.parse("2025-10-31T15:00:00Z"), Instant.parse("2025-11-30T15:00:00Z"));
    int port = 0;

    // tag::console-pictures[]
    Journey journey = journeys.journey(JourneyId.of("welcome")).orElseThrow();
    String diagram = JourneyDiagram.svg(journey, journeys.stats(journey.id()), Locale.JAPAN);
    String report = KpiReportPage.html(source, period, KpiSettings.ofDefaults(), View.japan());
    String timeline = LeadTimeline.html(kit, lead, View.japan());

    LeadkitConsole console = LeadkitConsole.builder(kit).view(View.japan()).build();
    HttpServer server = console.start(new InetSocketAddress("127.0.0.1", port));
    // end::console-pictures[]

    try {
      // the diagram shows the engine's counts: enrolled, and entered per send step
      JourneyStats stats = journeys.stats(journey.id());
      assertThat(stats.enrolled()).isEqualTo(12);
      assertThat(texts(xml(diagram), "text")).contains("enrolled " + stats.enrolled())
          .anySatisfy(t -> assertThat(t).startsWith("entered " + stats.step("w1", "entered")))
          .anySatisfy(t -> assertThat(t).startsWith("entered " + stats.step("w2", "entered")));
      // the report's second card is the measured number of new leads
      assertThat(texts(xml(report), "span").get(1)).isEqualTo(
          "" + Measurement.kpis(source, period, KpiSettings.ofDefaults()).newLeads());
      assertThat(timeline).contains(kit.lead(lead).orElseThrow().email().value());

      HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/journeys/welcome"))
              .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("tpl-welcome-1");
    } finally {
      server.stop(0);
    }
  }
}
