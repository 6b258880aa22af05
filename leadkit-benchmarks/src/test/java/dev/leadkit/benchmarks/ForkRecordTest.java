package dev.leadkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadkit.benchmarks.ForkRunner.Fork;
import dev.leadkit.benchmarks.Stats.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record a workload's forks become, and how BENCHMARKS.md shows it (no JMH run). */
class ForkRecordTest {
  private static final Workload W = new Workload("PX", "test workload", StatsTest.class,
      "leadkit", "reference", "a reference", 0.5, Map.of("leads", "10"), Map.of("leads", "10"));

  private static List<Fork> forks(double[] leadkit, double[] reference, double others) {
    List<Fork> out = new ArrayList<>();
    for (int i = 0; i < leadkit.length; i++) {
      for (Side side : Stats.order(i)) {
        double score = side == Side.LEADKIT ? leadkit[i] : reference[i];
        out.add(new Fork(i, side, score, "ops/s", side == Side.LEADKIT ? 800 : 400,
            Map.of(), new LoadMonitor.Load(0.5, 0.9, others, 10), others > 1 ? 3 : 1));
      }
    }
    return out;
  }

  @Test
  void theRatioIsTheMedianOfThePairRatiosWithItsBootstrapInterval() {
    ObjectNode r = ForkRunner.record(new ObjectMapper(), W, ForkRunner.Settings.quickMode(),
        forks(new double[] {60, 70, 80, 90, 100}, new double[] {100, 100, 100, 100, 100}, 0.2));
    assertThat(r.path("ratio").asDouble()).isEqualTo(0.8);
    assertThat(r.path("ratioLow").asDouble()).isEqualTo(0.6);
    assertThat(r.path("ratioHigh").asDouble()).isEqualTo(1.0);
    assertThat(r.path("ratioWide").asBoolean()).isTrue();
    assertThat(r.path("met").asBoolean()).isTrue();
    assertThat(r.path("intervalAboveTarget").asBoolean()).isTrue();
    assertThat(r.path("forksPerSide").asInt()).isEqualTo(5);
    assertThat(r.path("leadkitAllocBytesPerOp").asDouble()).isEqualTo(800);
    assertThat(r.path("referenceAllocBytesPerOp").asDouble()).isEqualTo(400);
    assertThat(r.path("forks")).hasSize(10);
    assertThat(r.path("forks").get(1).path("side").asText()).isEqualTo("reference");
    assertThat(r.path("forks").get(2).path("side").asText()).isEqualTo("reference");
    assertThat(r.path("forksRerun").asInt()).isZero();
  }

  @Test
  void forksUnderLoadAreCountedAndShown() {
    ObjectNode r = ForkRunner.record(new ObjectMapper(), W, ForkRunner.Settings.quickMode(),
        forks(new double[] {40, 41, 42}, new double[] {100, 100, 100}, 2.5));
    assertThat(r.path("forksRerun").asInt()).isEqualTo(6);
    assertThat(r.path("forksUnderLoad").asInt()).isEqualTo(6);
    assertThat(r.path("ratioWide").asBoolean()).isFalse();
    assertThat(r.path("met").asBoolean()).isFalse();
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("mode", "quick");
    root.putArray("workloads").add(r);
    String md = BenchmarksMarkdown.render(root);
    assertThat(md).contains("| PX |").contains("0.41 [0.40, 0.42]")
        .contains("6 still under load").doesNotContain("**wide**");
  }

  @Test
  void aWideIntervalIsNamedInTheMarkdown() {
    ObjectNode r = ForkRunner.record(new ObjectMapper(), W, ForkRunner.Settings.quickMode(),
        forks(new double[] {60, 70, 80, 90, 100}, new double[] {100, 100, 100, 100, 100}, 0.2));
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.putArray("workloads").add(r);
    assertThat(BenchmarksMarkdown.render(root)).contains("0.80 [0.60, 1.00] **wide**")
        .contains("Intervals wider than +-0.1 (read these ratios as uncertain): PX.");
  }

  @Test
  void tinyRatiosKeepTheirDigits() {
    assertThat(BenchmarksMarkdown.ratio(0.00145)).isEqualTo("0.00145");
    assertThat(BenchmarksMarkdown.ratio(0.8)).isEqualTo("0.80");
  }

  @Test
  void chartsArePlainSvgWithOneLinePerSeries() {
    String svg = Svg.lineChart("t", "leads", "s/op", true, true, List.of(
        new Svg.Series("leadkit", "#000", false, new double[] {1e4, 1e5}, new double[] {0.1, 1}),
        new Svg.Series("reference", "#f00", false, new double[] {1e4, 1e5},
            new double[] {0.05, 0.6})));
    assertThat(svg).startsWith("<svg").endsWith("</svg>");
    assertThat(svg.split("<polyline", -1)).hasSize(3);
    assertThat(svg).contains(">100k<").contains(">leadkit<");
  }

  @Test
  void loadStateIsTheLetterAfterTheCommand() {
    assertThat(LoadMonitor.stateOf("123 (java (x)) R 1 2 3")).isEqualTo('R');
    assertThat(LoadMonitor.stateOf("7 (bash) S 1")).isEqualTo('S');
  }
}
