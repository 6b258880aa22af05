package dev.leadkit.benchmarks;

import java.util.List;
import java.util.Map;

/** The registry of workloads run by {@link BenchMain}. */
final class Workloads {
  private Workloads() {}

  static List<Workload> all() {
    return List.of(
        new Workload("P1", "Scoring: 20 behaviour rules + lazily decayed score, per touchpoint",
            ScoringBench.class, "leadkit", "reference",
            "hand-written if-chain + hash map with lazy exponential decay", 0.7,
            Map.of("leads", "10000"), Map.of("leads", "100000")),
        new Workload("P2", "Incremental segment '>= 5 views of /pricing/** in 90 days', per "
            + "tracked touchpoint", IncrementalSegmentBench.class, "leadkit", "reference",
            "log append + hand-written per-lead 5 newest view times, exact exits", 0.5,
            Map.of("leads", "100000"), Map.of("leads", "1000000")),
        new Workload("P3", "Full in-memory segment evaluation (attributes + behaviour), per pass",
            SegmentEvalBench.class, "leadkit", "reference",
            "hand-written loop over plain arrays of the same leads and touchpoints", 0.5,
            Map.of("leads", "100000"), Map.of("leads", "1000000")),
        new Workload("P5a", "Touchpoint ingest into PostgreSQL through the adapter",
            IngestBench.class, "leadkit", "referenceCopy", "raw COPY into the same table", 0.5,
            Map.of("db", "postgresql"), Map.of("db", "postgresql")),
        new Workload("P5b", "Touchpoint ingest into PostgreSQL through the adapter",
            IngestBench.class, "leadkit", "referenceBatch",
            "hand-written rewritten JDBC batch, ON CONFLICT DO NOTHING", 0.9,
            Map.of("db", "postgresql"), Map.of("db", "postgresql")),
        new Workload("P5c", "Touchpoint ingest into MariaDB through the adapter",
            IngestBench.class, "leadkit", "referenceBatch",
            "hand-written rewritten JDBC batch, INSERT IGNORE", 0.9,
            Map.of("db", "mariadb"), Map.of("db", "mariadb")),
        new Workload("P5d", "Touchpoint ingest into PostgreSQL through the adapter "
            + "(supplementary: like-for-like)", IngestBench.class, "leadkit",
            "referenceBatchWithProperties", "one hand-written unnest statement writing the "
            + "touchpoints and the push-down property rows of those inserted, ON CONFLICT DO "
            + "NOTHING", 0.9,
            Map.of("db", "postgresql"), Map.of("db", "postgresql")),
        new Workload("P5e", "Touchpoint ingest into MariaDB through the adapter "
            + "(supplementary: like-for-like)", IngestBench.class, "leadkit",
            "referenceBatchWithProperties", "hand-written rewritten JDBC batch that also writes"
            + " the push-down property rows, INSERT IGNORE", 0.9,
            Map.of("db", "mariadb"), Map.of("db", "mariadb")),
        new Workload("P7", "Enrol every member of a segment into a journey on PostgreSQL "
            + "(enrolSegment, set-based), per whole segment", EnrolBench.class, "leadkit",
            "reference", "one hand-written INSERT ... SELECT from the members table", 0.5,
            Map.of("members", "100000"), Map.of("members", "1000000")),
        new Workload("P4", "Full segment evaluation on PostgreSQL through the push-down "
            + "(20 touchpoints per lead)", PushdownBench.class, "leadkit", "reference",
            "hand-written semi-joins + one pre-aggregated GROUP BY ... HAVING derived table on "
            + "its own copy of the same tables and indexes, vacuumed", 1 / 1.2,
            Map.of("leads", "100000"), Map.of("leads", "1000000"), 0,
            Map.of("tables", "reference")),
        p6("P6a", 1, "referenceCte", CTE, 0.7),
        p6("P6b", 2, "referenceCte", CTE, 0.7),
        p6("P6c", 1, "referenceDbScheduler", DB_SCHEDULER, 1.5),
        p6("P6d", 2, "referenceDbScheduler", DB_SCHEDULER, 1.5),
        new Workload("P8a", "End to end on PostgreSQL: kit.track (scoring, 2 segments, a "
            + "segment-triggered journey with one mail), per touchpoint", PipelineBench.class,
            "leadkit", "reference", "the same effects in hand-written JDBC on its own tables, "
            + "one transaction per touchpoint", 0.7, P8_LEADS, P8_LEADS, 5),
        new Workload("P8b", "End to end on PostgreSQL: kit.trackAll of " + PipelineBench.BATCH
            + ", per touchpoint", PipelineBench.class, "leadkitBatch", "referenceBatch",
            "the same effects in hand-written JDBC, one transaction and one statement per step "
            + "per batch of " + PipelineBench.BATCH, 0.7, P8_LEADS, P8_LEADS, 5),
        new Workload("P8m", "End to end in memory: kit.track (scoring, 2 segments, a "
            + "segment-triggered journey with one mail) on the in-memory runtime, per touchpoint",
            MemoryPipelineBench.class, "leadkit", "reference", "the same logical work in a "
            + "hand-written loop on plain maps (one row per lead, a log, an outbox)", 0.5,
            P8_LEADS, P8_LEADS),
        p10("P10a", "memory", 2000),
        p10("P10b", "postgresql", 500));
  }

  /** P10 headline: 1,000 segments against 10 (the "reference" is leadkit with 10). */
  private static Workload p10(String id, String runtime, int leads) {
    Map<String, String> params = p10Params(runtime, leads, 1000, 1, 1);
    return new Workload(id, "Definitions scaling " + (runtime.equals("memory") ? "in memory"
        : "on PostgreSQL") + ": kit.track with 1,000 segments (each touchpoint concerns 10), "
        + "per touchpoint", DefinitionsBench.class, "track", "track", "leadkit itself with 10 "
        + "segments (goal: at most 3x the cost)", 1 / 3.0, params, params, 0,
        Map.of("segments", "10"));
  }

  static Map<String, String> p10Params(String runtime, int leads, int segments, int models,
      int journeys) {
    return Map.of("runtime", runtime, "leads", Integer.toString(leads), "segments",
        Integer.toString(segments), "models", Integer.toString(models), "journeys",
        Integer.toString(journeys));
  }

  private static final Map<String, String> P8_LEADS = Map.of("leads", "10000");

  /** Commits per touchpoint allowed (P8a: "exactly 1 commit per touchpoint"). */
  static final Map<String, Double> COMMITS_PER_STEP_TARGET = Map.of("P8a", 1.0);

  private static final String CTE = "hand-written SKIP LOCKED CTE claim + batch completion, "
      + "2 statements per " + DueStepsBench.BATCH + " steps";
  private static final String DB_SCHEDULER = "db-scheduler 16.12.0 as its docs recommend for "
      + "high throughput (threads = cores, lock-and-fetch 1.0/4.0), same number of instances";

  /** Statements per step allowed (P6: "at most 3 SQL statements per step on average"). */
  static final Map<String, Double> STATEMENTS_PER_STEP_TARGET = Map.of("P6a", 3.0, "P6b", 3.0,
      "P6c", 3.0, "P6d", 3.0);

  private static Workload p6(String id, int engines, String reference, String what,
      double target) {
    Map<String, String> params = Map.of("engines", Integer.toString(engines));
    return new Workload(id, "Due journey steps on PostgreSQL (no-op step, " + engines
        + (engines == 1 ? " engine" : " engines") + "), per step", DueStepsBench.class,
        "leadkit", reference, what, target, params, params);
  }
}
