package dev.leadkit.journey;

import static dev.leadkit.core.predicate.Predicates.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LifecycleStage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class JourneyDiagramTest {
  private static final String HOSTILE = "<script>alert(\"x\")</script> & 'q' #1 |a|";

  private static Journey journey() {
    return Journey.builder("ab")
        .name(HOSTILE)
        .send("welcome", "tpl-<b>")
        .wait("pause", Duration.ofDays(2))
        .split("split", Journey.arm("A", 70, "a"), Journey.arm("B", 30, "b"))
        .send("a", "tpl-a").goTo("check")
        .send("b", "tpl-b")
        .branch("check", stage().atLeast(LifecycleStage.MQL), "hot", Journey.END)
        .task("hot", "call", "Call \"them\" <now>", Duration.ZERO)
        .build();
  }

  private static Fixture run() {
    Fixture f = new Fixture();
    f.journeys.publish(journey());
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Lead l = f.lead();
      leads.add(l);
      f.journeys.enrol(JourneyId.of("ab"), l.id(), "api");
    }
    f.kit.runDue();
    f.kit.changeStage(leads.get(0).id(), LifecycleStage.MQL, "test");
    f.runFor(Duration.ofDays(3), Duration.ofHours(6));
    return f;
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setNamespaceAware(true);
    return dbf.newDocumentBuilder().parse(new ByteArrayInputStream(
        xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> texts(Document d) {
    NodeList nl = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nl.getLength(); i++) {
      out.add(nl.item(i).getTextContent());
    }
    return out;
  }

  @Test
  void svgIsWellFormedAndShowsEveryStepCountOfTheEngine() throws Exception {
    Fixture f = run();
    JourneyStats stats = f.journeys.stats(JourneyId.of("ab"));
    assertThat(stats.enrolled()).isEqualTo(40);
    String svg = JourneyDiagram.svg(journey(), stats, Locale.ENGLISH);
    Document d = parse(svg);
    assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
    List<String> texts = texts(d);
    assertThat(texts).contains("enrolled 40");
    for (Step st : journey().steps()) {
      String id = st.id().value();
      assertThat(texts).as("step %s", id)
          .anySatisfy(t -> assertThat(t).startsWith("entered " + stats.step(id, "entered")));
    }
    assertThat(stats.step("welcome", "sent")).isEqualTo(40);
    assertThat(texts).contains("entered 40 · sent 40", "opened 0 · clicked 0");
    long armA = stats.step("split", "arm.A");
    long armB = stats.step("split", "arm.B");
    assertThat(armA + armB).isEqualTo(40);
    assertThat(texts).contains("A: " + armA, "B: " + armB);
    // "hot" has one way in: its edge carries its entered count
    assertThat(stats.step("hot", "entered")).isEqualTo(1);
    assertThat(texts).contains("yes: 1");
  }

  @Test
  void hostileNamesAreEscapedInSvgAndMermaid() throws Exception {
    Fixture f = run();
    JourneyStats stats = f.journeys.stats(JourneyId.of("ab"));
    String svg = JourneyDiagram.svg(journey(), stats, Locale.ENGLISH);
    assertThat(svg).doesNotContain("<script").doesNotContain("<b>").doesNotContain("<now>");
    Document d = parse(svg);
    assertThat(d.getElementsByTagNameNS("*", "script").getLength()).isZero();
    String title = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0)
        .getTextContent();
    assertThat(title).startsWith(HOSTILE);

    String mermaid = JourneyDiagram.mermaid(journey(), stats, Locale.ENGLISH);
    assertThat(mermaid).startsWith("flowchart TD\n").doesNotContain("<").doesNotContain(">\"")
        .contains("#lt;script#gt;alert(#quot;x#quot;)").contains("#35;1 #124;a#124;");
    // every label is one quoted string: quotes only as delimiters
    for (String line : mermaid.split("\n")) {
      long quotes = line.chars().filter(c -> c == '"').count();
      assertThat(quotes % 2).as(line).isZero();
    }
    assertThat(mermaid).contains("start([\"enrolled 40\"])")
        .contains("|\"A: " + stats.step("split", "arm.A") + "\"|");
  }

  @Test
  void numbersFollowTheLocale() throws Exception {
    JourneyStats big = new JourneyStats(JourneyId.of("ab"), 1_234_567, 5, 1_000_000, 0, 0, 0,
        0, Map.of("completed", 12_000L), Map.of("welcome", Map.of("entered", 1_234_567L)));
    for (Locale l : List.of(Locale.ENGLISH, Locale.JAPAN, Locale.GERMANY)) {
      String n = NumberFormat.getIntegerInstance(l).format(1_234_567);
      List<String> texts = texts(parse(JourneyDiagram.svg(journey(), big, l)));
      assertThat(texts).contains("enrolled " + n);
      assertThat(JourneyDiagram.mermaid(journey(), big, l)).contains("enrolled " + n);
    }
    assertThat(texts(parse(JourneyDiagram.svg(journey(), big, Locale.JAPAN))))
        .contains("enrolled 1,234,567");
    assertThat(texts(parse(JourneyDiagram.svg(journey(), big, Locale.GERMANY))))
        .contains("enrolled 1.234.567");
  }

  @Test
  void statsOfAnotherJourneyAreRefused() {
    JourneyStats other = new JourneyStats(JourneyId.of("other"), 0, 0, 0, 0, 0, 0, 0,
        Map.of(), Map.of());
    assertThatThrownBy(() -> JourneyDiagram.svg(journey(), other, Locale.ENGLISH))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("other");
    assertThatThrownBy(() -> JourneyDiagram.mermaid(journey(), null, Locale.ENGLISH))
        .isInstanceOf(InvalidValueException.class);
  }
}
