package dev.leadkit.console;

import static dev.leadkit.console.ConsoleFixture.HOSTILE;
import static dev.leadkit.console.ConsoleFixture.texts;
import static dev.leadkit.console.ConsoleFixture.xml;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.JourneyStats;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ConsoleServerTest {
  private static final ConsoleFixture F = new ConsoleFixture();
  private static HttpServer server;
  private static String base;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    LeadkitConsole console = LeadkitConsole.builder(F.kit).view(View.japan())
        .title("console " + HOSTILE).build();
    server = console.start(new InetSocketAddress("127.0.0.1", 0));
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static HttpResponse<String> send(String method, String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static Document page(String path) throws Exception {
    HttpResponse<String> r = send("GET", path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString()
        .contains("default-src 'none'");
    assertThat(r.body()).as(path).doesNotContain("<script").doesNotContain("<b>");
    Document d = xml(r.body());
    assertThat(d.getElementsByTagNameNS("*", "script").getLength()).isZero();
    return d;
  }

  @Test
  void everyPageAnswersWellFormedAndEscaped() throws Exception {
    String lead = F.leads.get(0).value();
    for (String p : List.of("/", "/journeys", "/journeys/welcome", "/segments", "/kpis",
        "/kpis?from=2025-11-01&to=2025-11-30", "/leads", "/leads?q=yamada",
        "/leads?q=" + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8), "/leads/" + lead,
        "/outbox")) {
      Document d = page(p);
      assertThat(texts(d, "strong")).as(p).contains("console " + HOSTILE);
    }
  }

  @Test
  void journeyPagesShowTheEngineCounts() throws Exception {
    JourneyStats s = F.journeys.stats(JourneyId.of("welcome"));
    assertThat(s.enrolled()).isEqualTo(12);
    Document list = page("/journeys");
    List<String> cells = texts(list, "td");
    assertThat(cells).containsSubsequence("Welcome " + HOSTILE, "welcome", "1", "3",
        "" + s.enrolled(), "" + s.active(), "" + s.sent(), "" + s.converted(),
        "" + s.suppressed());
    Document one = page("/journeys/welcome");
    assertThat(texts(one, "text")).contains("enrolled " + s.enrolled(),
        "entered " + s.step("w1", "entered") + " · sent " + s.step("w1", "sent"));
    assertThat(texts(one, "h1")).containsExactly("Welcome " + HOSTILE);
    HttpResponse<String> svg = send("GET", "/journeys/welcome.svg");
    assertThat(svg.headers().firstValue("Content-Type")).contains("image/svg+xml; charset=utf-8");
    assertThat(texts(xml(svg.body()), "text")).contains("enrolled 12");
    HttpResponse<String> mmd = send("GET", "/journeys/welcome.mmd");
    assertThat(mmd.body()).startsWith("flowchart TD").contains("#lt;script#gt;")
        .doesNotContain("<script");
  }

  @Test
  void segmentsOutboxAndSearchShowStoreCounts() throws Exception {
    Document seg = page("/segments");
    long members = F.segments.count(dev.leadkit.core.segment.SegmentId.of("engaged"));
    assertThat(members).isEqualTo(8);
    assertThat(texts(seg, "td")).containsSubsequence("Engaged " + HOSTILE, "engaged", "8");
    Document out = page("/outbox");
    long sent = F.kit.outbox().countByStatus().getOrDefault(
        dev.leadkit.core.port.OutboxStatus.SENT, 0L);
    assertThat(sent).isEqualTo(24);
    assertThat(texts(out, "td")).containsSubsequence("sent", "24");
    Document search = page("/leads?q=" + URLEncoder.encode("<script>", StandardCharsets.UTF_8));
    assertThat(texts(search, "a")).contains("Yamada " + HOSTILE + " <lead0@example.co.jp>");
    assertThat(search.getElementsByTagNameNS("*", "input").item(0).getAttributes()
        .getNamedItem("value").getNodeValue()).isEqualTo("<script>");
  }

  @Test
  void onlyGetAndHeadAreAnswered() throws Exception {
    for (String m : List.of("POST", "PUT", "DELETE", "PATCH")) {
      HttpResponse<String> r = send(m, "/journeys");
      assertThat(r.statusCode()).as(m).isEqualTo(405);
      assertThat(r.headers().firstValue("Allow")).contains("GET, HEAD");
    }
    HttpResponse<String> head = send("HEAD", "/kpis");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void unknownThingsAre404AndBadInput400() throws Exception {
    HttpResponse<String> r = send("GET", "/nothing%3Cscript%3E");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).doesNotContain("<script>");
    assertThat(send("GET", "/journeys/nope").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/journeys/nope.svg").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/leads/nobody").statusCode()).isEqualTo(404);
    HttpResponse<String> bad = send("GET", "/kpis?from=2025-13-45");
    assertThat(bad.statusCode()).isEqualTo(400);
    xml(bad.body());
  }
}
