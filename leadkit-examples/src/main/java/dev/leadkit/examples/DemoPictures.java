package dev.leadkit.examples;

import com.sun.net.httpserver.HttpServer;
import dev.leadkit.console.KpiReportPage;
import dev.leadkit.console.LeadTimeline;
import dev.leadkit.console.LeadkitConsole;
import dev.leadkit.console.View;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.measure.KpiSettings;
import dev.leadkit.core.measure.MeasurementSource;
import dev.leadkit.core.measure.ReportPeriod;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.StoredDefinition;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyDiagram;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.Journeys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After the scenarios: writes the KPI report, every journey's diagram and one lead's timeline
 * to a folder, and with {@code --console} serves the console on localhost.
 */
final class DemoPictures {
  static final View VIEW = View.japan();

  private DemoPictures() {}

  static Path folder() {
    return Path.of(System.getProperty("demo.report.dir", "target/demo-report"));
  }

  /** The measurement source and period over every scenario's stores. */
  static MeasurementSource combined(Map<String, DemoEnv> ran) {
    List<MeasurementSource> sources = new ArrayList<>();
    ran.values().forEach(e -> sources.add(e.measurementSource()));
    return new CombinedMeasurementSource(sources);
  }

  static ReportPeriod everything(Map<String, DemoEnv> ran) {
    Instant from = Instant.parse(Demo.START);
    Instant to = from.plusMillis(1);
    for (DemoEnv e : ran.values()) {
      Instant at = e.clock.instant().plusMillis(1);
      to = at.isAfter(to) ? at : to;
    }
    return ReportPeriod.of(from, to);
  }

  /** The engine with the most plugins: the one the console shows and the timeline is from. */
  static Optional<Map.Entry<String, LeadKit>> showcase(Map<String, DemoEnv> ran) {
    Map.Entry<String, LeadKit> best = null;
    for (Map.Entry<String, DemoEnv> e : ran.entrySet()) {
      for (LeadKit k : e.getValue().kits) {
        if (k.plugin(Journeys.class).isPresent() && (best == null
            || e.getKey().equals("programs"))) {
          best = Map.entry(e.getKey(), k);
        }
      }
    }
    return Optional.ofNullable(best);
  }

  static List<Path> write(Map<String, DemoEnv> ran, Report out) throws IOException {
    Path dir = folder();
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    Path kpis = dir.resolve("kpi-report.html");
    Files.writeString(kpis, KpiReportPage.html(combined(ran), everything(ran),
        KpiSettings.ofDefaults(), VIEW), StandardCharsets.UTF_8);
    written.add(kpis);
    for (Map.Entry<String, DemoEnv> e : ran.entrySet()) {
      for (LeadKit k : e.getValue().kits) {
        Optional<Journeys> journeys = k.plugin(Journeys.class);
        if (journeys.isEmpty()) {
          continue;
        }
        for (JourneyId id : journeyIds(k)) {
          Optional<Journey> j = journeys.get().journey(id);
          if (j.isEmpty()) {
            continue;
          }
          var stats = journeys.get().stats(id);
          String name = "journey-" + e.getKey() + "-" + id.value().replaceAll("[^A-Za-z0-9_-]",
              "_");
          Path svg = dir.resolve(name + ".svg");
          Files.writeString(svg, JourneyDiagram.svg(j.get(), stats, VIEW.locale()),
              StandardCharsets.UTF_8);
          Path mmd = dir.resolve(name + ".mmd");
          Files.writeString(mmd, JourneyDiagram.mermaid(j.get(), stats, VIEW.locale()),
              StandardCharsets.UTF_8);
          written.add(svg);
          written.add(mmd);
        }
      }
    }
    Optional<Map.Entry<String, LeadKit>> show = showcase(ran);
    if (show.isPresent()) {
      LeadKit k = show.get().getValue();
      Lead busiest = null;
      int most = -1;
      for (Lead l : k.leadStore().page(null, 300)) {
        int n = k.touchpointLog().findByLead(l.id(), TouchpointQuery.all()).size();
        if (n > most) {
          most = n;
          busiest = l;
        }
      }
      if (busiest != null) {
        Path timeline = dir.resolve("lead-timeline.html");
        Files.writeString(timeline, LeadTimeline.html(k, busiest.id(), VIEW),
            StandardCharsets.UTF_8);
        written.add(timeline);
      }
    }
    out.line("");
    out.line("Pictures (open in a browser; times in Asia/Tokyo):");
    for (Path p : written) {
      out.line("  %s", p.toAbsolutePath().normalize());
    }
    return written;
  }

  static List<JourneyId> journeyIds(LeadKit k) {
    List<JourneyId> ids = new ArrayList<>();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    k.stores().port(DefinitionStore.class).ifPresent(ds -> {
      for (StoredDefinition d : ds.all(DefinitionStore.JOURNEY)) {
        if (seen.putIfAbsent(d.id(), true) == null) {
          ids.add(JourneyId.of(d.id()));
        }
      }
    });
    return ids;
  }

  /** Serves the console over the showcase engine until the JVM is stopped. */
  static void serve(Map<String, DemoEnv> ran, int port, Report out) throws InterruptedException {
    Optional<Map.Entry<String, LeadKit>> show = showcase(ran);
    if (show.isEmpty()) {
      out.line("No scenario with journeys ran; nothing for the console to show.");
      return;
    }
    ReportPeriod all = everything(ran);
    LeadkitConsole console = LeadkitConsole.builder(show.get().getValue()).view(VIEW)
        .measurementSource(combined(ran)).defaultPeriod(now -> all)
        .title("leadkit console · " + show.get().getKey() + " scenario").build();
    HttpServer server = console.start(new InetSocketAddress("127.0.0.1", port));
    out.line("");
    out.line("Console: http://127.0.0.1:%d/  (the %s scenario's engine; KPI report over every"
        + " scenario). Ctrl-C stops it.", server.getAddress().getPort(), show.get().getKey());
    new java.util.concurrent.CountDownLatch(1).await();
  }
}
