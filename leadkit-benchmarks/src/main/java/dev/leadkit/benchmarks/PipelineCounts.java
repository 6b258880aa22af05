package dev.leadkit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.Touchpoint;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * P8's counting pass, apart from the timed runs: the SQL statements, commits, rollbacks and
 * auto-committed statements per touchpoint that each side of {@link PipelineBench} sends through
 * a {@link CountingDataSource}, by round through the leads (round 1: every lead's first view,
 * which enters the behaviour segment, enrols and queues a mail; round 2: the threshold crossing;
 * round 3: score only), for {@code track} and for {@code trackAll} of {@value PipelineBench#BATCH},
 * with the statements tallied by shape (verb and table).
 */
final class PipelineCounts {
  private PipelineCounts() {}

  static final int ROUNDS = 3;

  static ObjectNode count(ObjectMapper json, int leads) throws SQLException {
    ObjectNode out = json.createObjectNode();
    out.put("leads", leads);
    out.put("rounds", ROUNDS);
    out.set("leadkitTrack", leadkit(json, leads, false));
    out.set("leadkitTrackAll", leadkit(json, leads, true));
    out.set("referenceTrack", reference(json, leads, false));
    out.set("referenceTrackAll", reference(json, leads, true));
    return out;
  }

  private static ArrayNode leadkit(ObjectMapper json, int leads, boolean batched)
      throws SQLException {
    String prefix = "p8c" + DueStepsBench.run() + "_";
    HikariDataSource pool = DueStepsBench.pool(2);
    try {
      CountingDataSource ds = new CountingDataSource(pool, true);
      ds.shapePrefix(prefix);
      PipelineEngine engine = new PipelineEngine(ds, prefix);
      LeadId[] ids = engine.createLeads(leads);
      DueStepsBench.vacuum(pool, prefix);
      ArrayNode rounds = json.createArrayNode();
      long seq = 0;
      for (int round = 1; round <= ROUNDS; round++) {
        ds.reset();
        if (batched) {
          for (int i = 0; i < leads; i += PipelineBench.BATCH) {
            List<Touchpoint> batch = new ArrayList<>(PipelineBench.BATCH);
            for (int j = i; j < Math.min(leads, i + PipelineBench.BATCH); j++) {
              batch.add(engine.view(ids[j], seq++));
            }
            engine.kit.trackAll(batch);
          }
        } else {
          for (int i = 0; i < leads; i++) {
            engine.kit.track(engine.view(ids[i], seq++));
          }
        }
        rounds.add(record(json, round, leads, ds));
      }
      DueStepsBench.dropPrefixed(pool, prefix);
      return rounds;
    } finally {
      pool.close();
    }
  }

  private static ArrayNode reference(ObjectMapper json, int leads, boolean batched)
      throws SQLException {
    String prefix = "p8d" + DueStepsBench.run() + "_";
    HikariDataSource pool = DueStepsBench.pool(2);
    try {
      CountingDataSource ds = new CountingDataSource(pool, true);
      ds.shapePrefix(prefix);
      PipelineReference ref = new PipelineReference(ds, prefix, Data.T0);
      String[] ids = ref.createSchemaAndLeads(leads);
      ArrayNode rounds = json.createArrayNode();
      long seq = 0;
      for (int round = 1; round <= ROUNDS; round++) {
        ds.reset();
        if (batched) {
          for (int i = 0; i < leads; i += PipelineBench.BATCH) {
            List<PipelineReference.View> batch = new ArrayList<>(PipelineBench.BATCH);
            for (int j = i; j < Math.min(leads, i + PipelineBench.BATCH); j++) {
              batch.add(new PipelineReference.View("p8-" + seq++, ids[j],
                  PipelineEngine.PRICING_URL));
            }
            ref.trackAll(batch);
          }
        } else {
          for (int i = 0; i < leads; i++) {
            ref.track(new PipelineReference.View("p8-" + seq++, ids[i],
                PipelineEngine.PRICING_URL));
          }
        }
        rounds.add(record(json, round, leads, ds));
      }
      DueStepsBench.dropPrefixed(pool, prefix);
      return rounds;
    } finally {
      pool.close();
    }
  }

  private static ObjectNode record(ObjectMapper json, int round, int touchpoints,
      CountingDataSource ds) {
    ObjectNode o = json.createObjectNode();
    double n = touchpoints;
    o.put("round", round);
    o.put("touchpoints", touchpoints);
    o.put("statementsPerTouchpoint", ds.statements() / n);
    o.put("commitsPerTouchpoint", ds.explicitCommits() / n);
    o.put("rollbacksPerTouchpoint", ds.rollbacks() / n);
    o.put("autoCommittedPerTouchpoint", ds.autoCommitted() / n);
    ObjectNode shapes = o.putObject("statementsByShapePerTouchpoint");
    for (Map.Entry<String, Long> e : ds.shapes().entrySet()) {
      shapes.put(e.getKey(), e.getValue() / n);
    }
    ObjectNode callers = o.putObject("statementsByCallerPerTouchpoint");
    for (Map.Entry<String, Long> e : ds.callers().entrySet()) {
      callers.put(e.getKey(), e.getValue() / n);
    }
    return o;
  }
}
