package dev.leadkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The curves of {@code results/latest.json}: P10's definitions scaling (each point a paired run
 * of leadkit with more definitions against leadkit with the base definitions) and the lead
 * growth of P3, P4, P7 and P8 (each point a paired run of leadkit and its reference at one
 * size). Every point is measured like a workload ({@link ForkRunner}).
 */
final class Curves {
  private Curves() {}

  /** Base definitions of P10: 10 segments, 1 model, 1 journey. */
  static final int[] BASE = {10, 1, 1};
  /** The P10 points: one dimension varied at a time from {@link #BASE}. */
  static final int[][] POINTS = {{100, 1, 1}, {1000, 1, 1}, {10, 10, 1}, {10, 1, 10},
      {10, 1, 100}};

  /** Leads per runtime in P10 (the PostgreSQL engine creates its leads through the adapter). */
  static int p10Leads(String runtime) {
    return runtime.equals("memory") ? 2000 : 500;
  }

  static ArrayNode definitions(ObjectMapper json, ForkRunner.Settings s, int forks)
      throws Exception {
    ArrayNode out = json.createArrayNode();
    for (String runtime : new String[] {"memory", "postgresql"}) {
      ObjectNode curve = out.addObject();
      curve.put("runtime", runtime);
      curve.put("leads", p10Leads(runtime));
      ObjectNode base = curve.putObject("base");
      base.put("segments", BASE[0]);
      base.put("models", BASE[1]);
      base.put("journeys", BASE[2]);
      ArrayNode points = curve.putArray("points");
      for (int[] p : POINTS) {
        Map<String, String> params = Workloads.p10Params(runtime, p10Leads(runtime), p[0], p[1],
            p[2]);
        Map<String, String> ref = new TreeMap<>();
        ref.put("segments", Integer.toString(BASE[0]));
        ref.put("models", Integer.toString(BASE[1]));
        ref.put("journeys", Integer.toString(BASE[2]));
        String id = String.format(Locale.ROOT, "P10-%s-s%d-m%d-j%d", runtime, p[0], p[1], p[2]);
        Workload w = new Workload(id, "kit.track with " + p[0] + " segments, " + p[1]
            + " models, " + p[2] + " journeys (" + runtime + ")", DefinitionsBench.class,
            "track", "track", "the base definitions", 1 / 3.0, params, params, 0, ref);
        ForkRunner.Settings cs = s.withForks(forks);
        ObjectNode r = ForkRunner.record(json, w, cs, ForkRunner.forks(w, cs));
        ObjectNode point = points.addObject();
        point.put("segments", p[0]);
        point.put("models", p[1]);
        point.put("journeys", p[2]);
        copyPoint(r, point);
        // cost relative to the base definitions: the inverse of the throughput ratio
        point.put("relativeCost", 1 / r.path("ratio").asDouble());
        point.put("relativeCostLow", 1 / r.path("ratioHigh").asDouble());
        point.put("relativeCostHigh", 1 / r.path("ratioLow").asDouble());
      }
    }
    return out;
  }

  /** A lead-growth curve: a workload and the parameter that sets its number of leads. */
  record Growth(String id, String param, int maxSize, String kind) {}

  static final List<Growth> GROWTH = List.of(
      new Growth("P3", "leads", Integer.MAX_VALUE, "whole population"),
      new Growth("P4", "leads", Integer.MAX_VALUE, "whole population"),
      new Growth("P7", "members", Integer.MAX_VALUE, "whole population"),
      new Growth("P8m", "leads", Integer.MAX_VALUE, "per touchpoint"),
      // leads are created through the JDBC engine, 500 per unit of work: 1M takes too long here
      new Growth("P8a", "leads", 100_000, "per touchpoint"));

  static ArrayNode growth(ObjectMapper json, ForkRunner.Settings s, List<Integer> sizes,
      int forks) throws Exception {
    ArrayNode out = json.createArrayNode();
    for (Growth g : GROWTH) {
      Workload w = Workloads.all().stream().filter(x -> x.id().equals(g.id())).findFirst()
          .orElseThrow();
      ObjectNode curve = out.addObject();
      curve.put("id", g.id());
      curve.put("title", w.title());
      curve.put("param", g.param());
      curve.put("kind", g.kind());
      ArrayNode points = curve.putArray("points");
      for (int size : sizes) {
        if (size > g.maxSize()) {
          continue;
        }
        Map<String, String> params = new TreeMap<>(w.params(Stats.Side.LEADKIT, s.full()));
        params.put(g.param(), Integer.toString(size));
        Workload at = w.withParams(params);
        ForkRunner.Settings cs = s.withForks(forks);
        ObjectNode r = ForkRunner.record(json, at, cs, ForkRunner.forks(at, cs));
        if (g.id().startsWith("P4") && System.getenv("LEADKIT_BENCH_KEEP_P4") == null) {
          PushdownBench.dropData();
        }
        ObjectNode point = points.addObject();
        point.put("size", size);
        copyPoint(r, point);
        double unitSeconds = unitSeconds(r.path("unit").asText());
        point.put("leadkitSecondsPerOp", unitSeconds / r.path("leadkit").asDouble());
        point.put("referenceSecondsPerOp", unitSeconds / r.path("referenceScore").asDouble());
      }
    }
    return out;
  }

  private static void copyPoint(JsonNode r, ObjectNode point) {
    for (String f : new String[] {"unit", "forksPerSide", "leadkit", "leadkitLow", "leadkitHigh",
        "referenceScore", "referenceLow", "referenceHigh", "ratio", "ratioLow", "ratioHigh",
        "ratioWide", "leadkitAllocBytesPerOp", "referenceAllocBytesPerOp", "maxOthersLoad",
        "maxLoad1", "forksRerun", "forksUnderLoad", "measuredAt"}) {
      if (r.has(f)) {
        point.set(f, r.get(f));
      }
    }
  }

  /** Seconds per unit of a JMH throughput unit such as {@code ops/s} or {@code ops/min}. */
  static double unitSeconds(String unit) {
    String per = unit.substring(unit.indexOf('/') + 1);
    return switch (per) {
      case "ns" -> 1e-9;
      case "us" -> 1e-6;
      case "ms" -> 1e-3;
      case "s" -> 1;
      case "min" -> 60;
      case "hr" -> 3600;
      default -> throw new IllegalArgumentException("unknown unit " + unit);
    };
  }
}
