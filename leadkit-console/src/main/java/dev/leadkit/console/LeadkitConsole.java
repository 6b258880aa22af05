package dev.leadkit.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.internal.Args;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.measure.KpiSettings;
import dev.leadkit.core.measure.MeasurementSource;
import dev.leadkit.core.measure.ReportPeriod;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.core.port.StoredDefinition;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyDiagram;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.JourneyStats;
import dev.leadkit.journey.Journeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only web console over one engine, for marketers and operators: journeys with their
 * diagram and counts, segments with their sizes, the KPI report, a lead search with each lead's
 * timeline and the "why" of its score and segments, and the outbox's health.
 *
 * <p>Pages are rendered on the server as HTML with inline SVG; they need no script and load
 * nothing from elsewhere. Only {@code GET} and {@code HEAD} are answered; any other method gets
 * 405. The console has no login of its own: mount it behind the host's access control (see the
 * README). Every response carries a strict Content-Security-Policy.
 *
 * <pre>{@code
 * LeadkitConsole console = LeadkitConsole.builder(kit).view(View.japan()).build();
 * HttpServer server = console.start(new InetSocketAddress("127.0.0.1", 8080));  // standalone
 * // or mount console.httpHandler() on a host's own HttpServer context, or use handle(...)
 * }</pre>
 */
public final class LeadkitConsole {
  private static final Logger LOG = LoggerFactory.getLogger(LeadkitConsole.class);

  /** The Content-Security-Policy of every page: no script, nothing from elsewhere. */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; "
      + "style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
      + "frame-ancestors 'self'";

  /**
   * One response.
   *
   * @param status the HTTP status
   * @param contentType the content type with its charset
   * @param body the body
   * @param headers further headers (security headers, {@code Allow} on a 405)
   */
  public record Response(int status, String contentType, String body,
      Map<String, String> headers) {
    /** Copies. */
    public Response {
      headers = Map.copyOf(headers);
    }
  }

  private final LeadKit kit;
  private final View view;
  private final MeasurementSource measurement;
  private final KpiSettings settings;
  private final Function<Instant, ReportPeriod> period;
  private final List<JourneyId> extraJourneys;
  private final int scanLimit;
  private final String title;

  private LeadkitConsole(Builder b) {
    this.kit = b.kit;
    this.view = b.view == null ? View.japan() : b.view;
    this.measurement = b.measurement == null
        ? InMemory.measurementSource(kit.leadStore(), kit.touchpointLog()) : b.measurement;
    this.settings = b.settings == null ? KpiSettings.ofDefaults() : b.settings;
    this.period = b.period == null ? now -> ReportPeriod.of(now.minus(Duration.ofDays(30)),
        now.plusMillis(1)) : b.period;
    this.extraJourneys = List.copyOf(b.journeys);
    this.scanLimit = b.scanLimit;
    this.title = b.title == null ? "leadkit console" : b.title;
  }

  /**
   * A builder over {@code kit}; the installed scoring, segments and journeys plugins are found
   * in it.
   *
   * @param kit the engine to show
   * @return a builder
   * @throws InvalidValueException if {@code kit} is null
   */
  public static Builder builder(LeadKit kit) {
    return new Builder(Args.notNull(kit, "kit"));
  }

  // ------------------------------------------------------------------ serving

  /**
   * Answers one request. Paths are relative to where the console is mounted: {@code /},
   * {@code /journeys}, {@code /journeys/ID}, {@code /journeys/ID.svg}, {@code
   * /journeys/ID.mmd}, {@code /segments}, {@code /kpis?from=DATE&to=DATE}, {@code
   * /leads?q=TEXT}, {@code /leads/ID}, {@code /outbox}.
   *
   * @param method the HTTP method
   * @param base the path the console is mounted at, e.g. {@code /leadkit} or {@code ""}; links
   *     start with it
   * @param path the request path below {@code base}, starting with {@code /} (or empty)
   * @param rawQuery the raw (URL-encoded) query string, or null
   * @return the response; never throws for bad input (400, 404 or 405 instead)
   * @throws InvalidValueException if {@code method}, {@code base} or {@code path} is null
   */
  public Response handle(String method, String base, String path, @Nullable String rawQuery) {
    Args.notNull(method, "method");
    Args.notNull(base, "base");
    Args.notNull(path, "path");
    Map<String, String> headers = new LinkedHashMap<>(securityHeaders());
    if (!method.equals("GET") && !method.equals("HEAD")) {
      headers.put("Allow", "GET, HEAD");
      return new Response(405, "text/plain; charset=utf-8",
          "405 Method Not Allowed: the leadkit console is read-only\n", headers);
    }
    Map<String, String> query = parseQuery(rawQuery);
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    String p = path.isEmpty() ? "/" : path;
    try {
      if (p.equals("/favicon.ico")) {
        return new Response(204, "image/x-icon", "", headers);
      }
      if (p.startsWith("/journeys/") && p.endsWith(".svg")) {
        Journey j = journey(decode(p.substring(10, p.length() - 4)));
        return new Response(200, "image/svg+xml; charset=utf-8",
            JourneyDiagram.svg(j, stats(j), view.locale()), headers);
      }
      if (p.startsWith("/journeys/") && p.endsWith(".mmd")) {
        Journey j = journey(decode(p.substring(10, p.length() - 4)));
        return new Response(200, "text/plain; charset=utf-8",
            JourneyDiagram.mermaid(j, stats(j), view.locale()), headers);
      }
      String body;
      String pageTitle;
      switch (p) {
        case "/" -> {
          pageTitle = "Overview";
          body = overview(b);
        }
        case "/journeys" -> {
          pageTitle = "Journeys";
          body = journeys(b);
        }
        case "/segments" -> {
          pageTitle = "Segments";
          body = segments();
        }
        case "/kpis" -> {
          pageTitle = "KPI report";
          body = KpiReportPage.body(measurement, period(query), settings, view,
              b + "/journeys/");
        }
        case "/leads" -> {
          pageTitle = "Leads";
          body = leads(b, query.getOrDefault("q", ""));
        }
        case "/outbox" -> {
          pageTitle = "Outbox";
          body = outbox(b);
        }
        default -> {
          if (p.startsWith("/journeys/")) {
            Journey j = journey(decode(p.substring(10)));
            pageTitle = "Journey " + j.name();
            body = journey(b, j);
          } else if (p.startsWith("/leads/")) {
            LeadId id = LeadId.of(decode(p.substring(7)));
            if (kit.lead(id).isEmpty()) {
              throw new NotFound("no lead " + id.value());
            }
            pageTitle = "Lead";
            body = LeadTimeline.body(kit, id, view, b + "/journeys/");
          } else {
            throw new NotFound("no page " + p);
          }
        }
      }
      String html = Html.page(view, pageTitle + " · " + title, nav(b), body);
      return new Response(200, "text/html; charset=utf-8", method.equals("HEAD") ? "" : html,
          headers);
    } catch (NotFound e) {
      return error(404, String.valueOf(e.getMessage()), b, headers);
    } catch (LeadkitException | IllegalArgumentException | DateTimeParseException e) {
      return error(400, e.getMessage() == null ? e.toString() : e.getMessage(), b, headers);
    }
  }

  /**
   * A handler for the JDK's HTTP server; mount it on a context, e.g. {@code
   * server.createContext("/leadkit", console.httpHandler())}.
   *
   * @return the handler
   */
  public HttpHandler httpHandler() {
    return this::exchange;
  }

  /**
   * Starts a JDK HTTP server on {@code address} serving the console at {@code /}. Stop it with
   * {@code server.stop(0)}.
   *
   * @param address where to listen, e.g. {@code 127.0.0.1:8080}; port 0 picks a free port
   * @return the running server
   * @throws InvalidValueException if {@code address} is null
   * @throws LeadkitException if the server cannot listen there
   */
  public HttpServer start(InetSocketAddress address) {
    Args.notNull(address, "address");
    try {
      HttpServer server = HttpServer.create(address, 0);
      server.createContext("/", httpHandler());
      server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "leadkit-console");
        t.setDaemon(true);
        return t;
      }));
      server.start();
      LOG.info("leadkit console at http://{}:{}/", address.getHostString(),
          server.getAddress().getPort());
      return server;
    } catch (IOException e) {
      throw new LeadkitException("cannot start the console on " + address + ": " + e, e);
    }
  }

  private void exchange(HttpExchange ex) throws IOException {
    try (ex) {
      String context = ex.getHttpContext().getPath();
      String base = context.equals("/") ? "" : context;
      String full = ex.getRequestURI().getRawPath();
      String path = full.length() >= base.length() ? full.substring(base.length()) : "/";
      Response r;
      try {
        r = handle(ex.getRequestMethod(), base, path, ex.getRequestURI().getRawQuery());
      } catch (RuntimeException e) {
        LOG.warn("console page {} failed", full, e);
        r = new Response(500, "text/plain; charset=utf-8", "500 Internal Server Error\n",
            securityHeaders());
      }
      byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", r.contentType());
      r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      boolean head = ex.getRequestMethod().equals("HEAD");
      ex.sendResponseHeaders(r.status(), head || bytes.length == 0 ? -1 : bytes.length);
      if (!head && bytes.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  static Map<String, String> securityHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    h.put("X-Content-Type-Options", "nosniff");
    h.put("Referrer-Policy", "no-referrer");
    h.put("Cache-Control", "no-store");
    h.put("X-Frame-Options", "SAMEORIGIN");
    return h;
  }

  private Response error(int status, String message, String b, Map<String, String> headers) {
    String body = "<h1>" + status + "</h1>\n<p>" + Html.esc(message) + "</p>\n";
    return new Response(status, "text/html; charset=utf-8",
        Html.page(view, status + " · " + title, nav(b), body), headers);
  }

  private static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message, null, false, false);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  static Map<String, String> parseQuery(@Nullable String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return m;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      String k = decode(eq < 0 ? part : part.substring(0, eq));
      String v = eq < 0 ? "" : decode(part.substring(eq + 1));
      m.putIfAbsent(k, v);
    }
    return m;
  }

  // ------------------------------------------------------------------ pages

  private String nav(String b) {
    StringBuilder n = new StringBuilder();
    n.append("<strong>").append(Html.esc(title)).append("</strong>");
    for (String[] item : new String[][] {{"/", "Overview"}, {"/journeys", "Journeys"},
        {"/segments", "Segments"}, {"/kpis", "KPI report"}, {"/leads", "Leads"},
        {"/outbox", "Outbox"}}) {
      n.append(Html.link(b + item[0], item[1]).markup());
    }
    return n.toString();
  }

  private String overview(String b) {
    Html h = new Html(view);
    h.tag("h1", "Overview");
    h.raw("<div class=\"cards\">\n");
    card(h, "leads", h.num(kit.leadStore().count()), b + "/leads");
    card(h, "touchpoints", h.num(kit.touchpointLog().count()), "");
    card(h, "journeys", h.num(journeyIds().size()), b + "/journeys");
    card(h, "segments", h.num(kit.plugin(SegmentsPlugin.class).map(s -> s.definitions().size())
        .orElse(0)), b + "/segments");
    Map<OutboxStatus, Long> outbox = kit.outbox().countByStatus();
    card(h, "messages pending", h.num(outbox.getOrDefault(OutboxStatus.PENDING, 0L)
        + outbox.getOrDefault(OutboxStatus.CLAIMED, 0L)), b + "/outbox");
    card(h, "dead letters", h.num(outbox.getOrDefault(OutboxStatus.DEAD, 0L)), b + "/outbox");
    h.raw("</div>\n");
    h.raw("<p>").text("Engine time: " + h.dateTime(kit.clock().instant())).raw("</p>\n");
    h.note("Read-only. Access control comes from the application this console is mounted in.");
    return h.sb.toString();
  }

  private static void card(Html h, String label, String value, String href) {
    h.raw("<div class=\"card\"><span class=\"v\">").text(value).raw("</span>");
    h.raw(href.isEmpty() ? Html.esc(label) : Html.link(href, label).markup()).raw("</div>\n");
  }

  private Journeys journeysPlugin() {
    return kit.plugin(Journeys.class).orElseThrow(() -> new NotFound(
        "the journeys plugin is not installed"));
  }

  private Set<JourneyId> journeyIds() {
    Set<JourneyId> ids = new LinkedHashSet<>();
    if (kit.plugin(Journeys.class).isEmpty()) {
      return ids;
    }
    Optional<DefinitionStore> ds = kit.stores().port(DefinitionStore.class);
    ds.ifPresent(d -> {
      for (StoredDefinition s : d.all(DefinitionStore.JOURNEY)) {
        ids.add(JourneyId.of(s.id()));
      }
    });
    ids.addAll(extraJourneys);
    return ids;
  }

  private Journey journey(String id) {
    JourneyId jid;
    try {
      jid = JourneyId.of(id);
    } catch (LeadkitException e) {
      throw new NotFound("no journey " + id);
    }
    return journeysPlugin().journey(jid).orElseThrow(() -> new NotFound("no journey " + id));
  }

  private JourneyStats stats(Journey j) {
    return journeysPlugin().stats(j.id());
  }

  private String journeys(String b) {
    Html h = new Html(view);
    h.tag("h1", "Journeys");
    List<List<?>> rows = new ArrayList<>();
    for (JourneyId id : journeyIds()) {
      Optional<Journey> j = journeysPlugin().journey(id);
      if (j.isEmpty()) {
        continue;
      }
      JourneyStats s = journeysPlugin().stats(id);
      rows.add(List.of(Html.link(b + "/journeys/" + id.value(), j.get().name()), id.value(),
          j.get().version(), j.get().steps().size(), s.enrolled(), s.active(), s.sent(),
          s.converted(), s.suppressed()));
    }
    h.table(List.of("journey", "id", "version", "steps", "enrolled", "active now", "sent",
        "reached the goal", "suppressed"), rows);
    if (rows.isEmpty()) {
      h.note("No journeys published.");
    }
    return h.sb.toString();
  }

  private String journey(String b, Journey j) {
    Html h = new Html(view);
    JourneyStats s = stats(j);
    h.tag("h1", j.name());
    h.raw("<p>").text(j.id().value() + " v" + j.version() + " · ")
        .raw(Html.link(b + "/journeys/" + j.id().value() + ".svg", "SVG").markup()).text(" · ")
        .raw(Html.link(b + "/journeys/" + j.id().value() + ".mmd", "Mermaid").markup())
        .raw("</p>\n");
    String svg = JourneyDiagram.svg(j, s, view.locale());
    h.raw(svg.substring(svg.indexOf("<svg")));
    h.tag("h2", "Counts");
    List<List<?>> totals = new ArrayList<>();
    totals.add(List.of("enrolled", s.enrolled()));
    totals.add(List.of("active now", s.active()));
    totals.add(List.of("sent", s.sent()));
    totals.add(List.of("opened", s.opened()));
    totals.add(List.of("clicked", s.clicked()));
    totals.add(List.of("reached the goal", s.converted()));
    totals.add(List.of("suppressed by a send policy", s.suppressed()));
    new TreeMap<>(s.exitedByReason()).forEach((r, n) -> totals.add(List.of("left: " + r, n)));
    h.table(List.of("measure", "count"), totals);
    List<List<?>> steps = new ArrayList<>();
    for (var st : j.steps()) {
      String id = st.id().value();
      steps.add(List.of(id, st.getClass().getSimpleName(), s.step(id, "entered"),
          s.step(id, "sent"), s.step(id, "opened"), s.step(id, "clicked"),
          s.step(id, "suppressed")));
    }
    h.table(List.of("step", "kind", "entered", "sent", "opened", "clicked", "suppressed"),
        steps);
    h.tag("h2", "Mermaid");
    h.raw("<pre>").text(JourneyDiagram.mermaid(j, s, view.locale())).raw("</pre>\n");
    return h.sb.toString();
  }

  private String segments() {
    Html h = new Html(view);
    h.tag("h1", "Segments");
    Optional<SegmentsPlugin> plugin = kit.plugin(SegmentsPlugin.class);
    if (plugin.isEmpty()) {
      h.note("The segments plugin is not installed.");
      return h.sb.toString();
    }
    List<List<?>> rows = new ArrayList<>();
    long most = 1;
    List<Svg.Bar> bars = new ArrayList<>();
    List<SegmentDefinition> defs = plugin.get().definitions();
    Map<SegmentDefinition, Long> sizes = new LinkedHashMap<>();
    for (SegmentDefinition d : defs) {
      long n = plugin.get().count(d.id());
      sizes.put(d, n);
      most = Math.max(most, n);
    }
    for (Map.Entry<SegmentDefinition, Long> e : sizes.entrySet()) {
      SegmentDefinition d = e.getKey();
      bars.add(new Svg.Bar(d.name(), e.getValue() / (double) most, h.num(e.getValue())
          + " members", Svg.GREEN));
      rows.add(List.of(d.name(), d.id().value(), e.getValue(),
          dev.leadkit.core.predicate.PredicateText.format(d.predicate())));
    }
    if (!bars.isEmpty()) {
      h.raw(Svg.hbars("Segment sizes", bars, 200, 320, 160));
    }
    h.table(List.of("segment", "id", "members now", "definition"), rows);
    h.note("Sizes are the current member counts; the stores keep no history of sizes.");
    return h.sb.toString();
  }

  private ReportPeriod period(Map<String, String> q) {
    Instant now = kit.clock().instant();
    ReportPeriod d = period.apply(now);
    Instant from = q.containsKey("from") && !q.get("from").isBlank()
        ? LocalDate.parse(q.get("from").trim()).atStartOfDay(view.zone()).toInstant() : d.from();
    Instant to = q.containsKey("to") && !q.get("to").isBlank()
        ? LocalDate.parse(q.get("to").trim()).plusDays(1).atStartOfDay(view.zone()).toInstant()
        : d.to();
    return ReportPeriod.of(from, to);
  }

  private String leads(String b, String q) {
    Html h = new Html(view);
    h.tag("h1", "Leads");
    h.raw("<form method=\"get\" action=\"").text(b + "/leads").raw("\"><label>")
        .text("E-mail, name, company or lead id ")
        .raw("<input type=\"search\" name=\"q\" value=\"").text(q)
        .raw("\"/></label> <button type=\"submit\">Search</button></form>\n");
    String needle = q.trim().toLowerCase(Locale.ROOT);
    List<Lead> found = new ArrayList<>();
    if (!needle.isEmpty()) {
      try {
        kit.leadByEmail(q.trim()).ifPresent(found::add);
      } catch (LeadkitException notAnEmail) {
        // not an e-mail address: the scan below still looks
      }
      try {
        kit.lead(LeadId.of(q.trim())).filter(l -> !found.contains(l)).ifPresent(found::add);
      } catch (LeadkitException notAnId) {
        // not a lead id: the scan below still looks
      }
    }
    int scanned = 0;
    LeadId after = null;
    while (scanned < scanLimit && found.size() < 50) {
      List<Lead> page = kit.leadStore().page(after, Math.min(500, scanLimit - scanned));
      if (page.isEmpty()) {
        break;
      }
      for (Lead l : page) {
        if (found.size() >= 50) {
          break;
        }
        if (!found.contains(l) && (needle.isEmpty() || LeadTimeline.displayName(l)
            .toLowerCase(Locale.ROOT).contains(needle) || l.attributes()
            .text(dev.leadkit.core.lead.AttributeKey.COMPANY).orElse("").toLowerCase(Locale.ROOT)
            .contains(needle))) {
          found.add(l);
        }
      }
      scanned += page.size();
      after = page.get(page.size() - 1).id();
    }
    List<List<?>> rows = new ArrayList<>();
    for (Lead l : found) {
      rows.add(List.of(Html.link(b + "/leads/" + l.id().value(), LeadTimeline.displayName(l)),
          l.attributes().text(dev.leadkit.core.lead.AttributeKey.COMPANY).orElse("–"),
          l.stage().toString(), scores(h, l), h.dateTime(l.updatedAt())));
    }
    h.table(List.of("lead", "company", "stage", "scores", "last change"), rows);
    h.note("Shows up to 50 leads; name and company are matched in the first "
        + h.num(scanLimit) + " leads, the e-mail address and lead id exactly.");
    return h.sb.toString();
  }

  private static String scores(Html h, Lead l) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(l.scores()).forEach((m, s) -> parts.add(m + " " + h.dec(s.value())));
    return parts.isEmpty() ? "–" : String.join(", ", parts);
  }

  private String outbox(String b) {
    Html h = new Html(view);
    h.tag("h1", "Outbox");
    Map<OutboxStatus, Long> counts = new EnumMap<>(OutboxStatus.class);
    for (OutboxStatus s : OutboxStatus.values()) {
      counts.put(s, kit.outbox().countByStatus().getOrDefault(s, 0L));
    }
    long most = Math.max(1, counts.values().stream().mapToLong(Long::longValue).max()
        .orElse(1));
    List<Svg.Bar> bars = new ArrayList<>();
    List<List<?>> rows = new ArrayList<>();
    for (Map.Entry<OutboxStatus, Long> e : counts.entrySet()) {
      String color = e.getKey() == OutboxStatus.DEAD ? "#b42318"
          : e.getKey() == OutboxStatus.SENT ? Svg.GREEN : e.getKey() == OutboxStatus.CANCELLED
          ? Svg.GREY : Svg.BLUE;
      bars.add(new Svg.Bar(e.getKey().name().toLowerCase(Locale.ROOT),
          e.getValue() / (double) most, h.num(e.getValue()), color));
      rows.add(List.of(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()));
    }
    h.raw(Svg.hbars("Outbox by status", bars, 110, 360, 120));
    h.table(List.of("status", "messages"), rows);

    // reasons and dead letters: by lead, over the first scanLimit leads
    Map<String, Long> reasons = new TreeMap<>();
    List<OutboxEntry> dead = new ArrayList<>();
    int scanned = 0;
    LeadId after = null;
    while (scanned < scanLimit) {
      List<Lead> page = kit.leadStore().page(after, Math.min(500, scanLimit - scanned));
      if (page.isEmpty()) {
        break;
      }
      for (Lead l : page) {
        for (OutboxEntry e : kit.outbox().findByLead(l.id())) {
          e.reason().ifPresent(r -> reasons.merge(e.status().name().toLowerCase(Locale.ROOT)
              + ": " + r.name().toLowerCase(Locale.ROOT), 1L, Long::sum));
          if (e.status() == OutboxStatus.DEAD && dead.size() < 100) {
            dead.add(e);
          }
        }
      }
      scanned += page.size();
      after = page.get(page.size() - 1).id();
    }
    h.tag("h2", "Not sent, by reason");
    List<List<?>> rr = new ArrayList<>();
    reasons.forEach((r, n) -> rr.add(List.of(r, n)));
    h.table(List.of("status: reason", "messages"), rr);
    h.tag("h2", "Dead letters");
    List<List<?>> dl = new ArrayList<>();
    for (OutboxEntry e : dead) {
      dl.add(List.of(Html.link(b + "/leads/" + e.message().lead().value(),
          kit.lead(e.message().lead()).map(LeadTimeline::displayName)
              .orElse(e.message().lead().value())), e.message().template(),
          e.reason().map(Enum::name).orElse("–"), e.lastError().orElse("–"), e.attempts(),
          e.finishedAt().map(h::dateTime).orElse("–")));
    }
    h.table(List.of("lead", "template", "reason", "last error", "attempts", "when"), dl);
    h.note("Reasons and dead letters are read lead by lead over the first " + h.num(scanLimit)
        + " leads (" + h.num(scanned) + " read); the counts by status cover the whole outbox."
        + " Sends that the journeys' send policies refused before the outbox are counted as"
        + " suppressed on the Journeys page.");
    return h.sb.toString();
  }

  // ------------------------------------------------------------------ builder

  /** Builds a console; every option may be set once. */
  public static final class Builder {
    private final LeadKit kit;
    private @Nullable View view;
    private @Nullable MeasurementSource measurement;
    private @Nullable KpiSettings settings;
    private @Nullable Function<Instant, ReportPeriod> period;
    private final List<JourneyId> journeys = new ArrayList<>();
    private int scanLimit = 10_000;
    private boolean scanLimitSet;
    private @Nullable String title;

    private Builder(LeadKit kit) {
      this.kit = kit;
    }

    private static void once(@Nullable Object current, String what) {
      if (current != null) {
        throw new InvalidValueException(what + " was already set to " + current);
      }
    }

    /**
     * How the viewer reads dates, numbers and money (default {@link View#japan()}).
     *
     * @param value the view
     * @return this builder
     * @throws InvalidValueException if null or set before
     */
    public Builder view(View value) {
      Args.notNull(value, "view");
      once(view, "view");
      view = value;
      return this;
    }

    /**
     * Where the KPI report reads from (default: the in-memory measurement source over the
     * engine's lead store and touchpoint log; pass {@code JdbcStores.measurementSource()} on a
     * database).
     *
     * @param value the source
     * @return this builder
     * @throws InvalidValueException if null or set before
     */
    public Builder measurementSource(MeasurementSource value) {
      Args.notNull(value, "measurement source");
      once(measurement, "measurement source");
      measurement = value;
      return this;
    }

    /**
     * The KPI definitions (default {@link KpiSettings#ofDefaults()}).
     *
     * @param value the settings
     * @return this builder
     * @throws InvalidValueException if null or set before
     */
    public Builder kpiSettings(KpiSettings value) {
      Args.notNull(value, "KPI settings");
      once(settings, "KPI settings");
      settings = value;
      return this;
    }

    /**
     * The KPI report's period when the request names none, from the engine's current time
     * (default: the last 30 days).
     *
     * @param value the period for a given now
     * @return this builder
     * @throws InvalidValueException if null or set before
     */
    public Builder defaultPeriod(Function<Instant, ReportPeriod> value) {
      Args.notNull(value, "default period");
      once(period, "default period");
      period = value;
      return this;
    }

    /**
     * Journeys to list besides those in the engine's definition store (for stores without
     * one).
     *
     * @param ids journey ids
     * @return this builder
     * @throws InvalidValueException if null
     */
    public Builder journeys(JourneyId... ids) {
      Args.notNull(ids, "journey ids");
      for (JourneyId id : ids) {
        journeys.add(Args.notNull(id, "journey id"));
      }
      return this;
    }

    /**
     * How many leads the lead search and the outbox reasons read at most (default 10,000).
     *
     * @param value 1 or more
     * @return this builder
     * @throws InvalidValueException if below 1 or set before
     */
    public Builder scanLimit(int value) {
      if (value < 1) {
        throw new InvalidValueException("scan limit must be 1 or more: " + value);
      }
      if (scanLimitSet) {
        throw new InvalidValueException("scan limit was already set to " + scanLimit);
      }
      scanLimit = value;
      scanLimitSet = true;
      return this;
    }

    /**
     * The title in the header (default "leadkit console").
     *
     * @param value the title
     * @return this builder
     * @throws InvalidValueException if null, blank or set before
     */
    public Builder title(String value) {
      Args.notNull(value, "title");
      if (value.isBlank()) {
        throw new InvalidValueException("title must not be blank");
      }
      once(title, "title");
      title = value;
      return this;
    }

    /**
     * The console.
     *
     * @return the console
     */
    public LeadkitConsole build() {
      return new LeadkitConsole(this);
    }
  }
}
