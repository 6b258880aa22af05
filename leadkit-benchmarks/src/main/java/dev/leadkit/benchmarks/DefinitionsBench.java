package dev.leadkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.TrackResult;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.jdbc.JdbcStores;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.Trigger;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringPlugin;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * P10: what one {@code kit.track} costs as a host defines more: {@code segments} segments,
 * {@code models} scoring models and {@code journeys} journeys, in memory or on PostgreSQL
 * ({@code runtime}). Segment {@code i} is "at least {@code 1 + i % 10} page views under
 * /area/{@code i / 10}/ in 30 days", so segments come in groups of 10 that share a URL area,
 * and a touchpoint (a view of one area, drawn at random) concerns exactly the 10 segments of its
 * area, whatever the number defined. Model {@code k} gives 1 point for any /area/ view and 2
 * for its own area; journey {@code j} starts when a lead enters segment {@code j} (modulo the
 * count) and waits 30 days. One operation = one touchpoint, built before each invocation (not
 * timed); the in-memory runtime starts each iteration from fresh state (not timed).
 *
 * <p>P10a / P10b compare 1,000 segments (leadkit side) with 10 (the "reference" side is the
 * same benchmark with 10): the goal is at most 3x the cost, a ratio of at least 1/3.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DefinitionsBench {
  static final int BATCH = 100;

  @Param("memory")
  public String runtime;

  @Param("10")
  public int segments;

  @Param("1")
  public int models;

  @Param("1")
  public int journeys;

  @Param("2000")
  public int leads;

  private LeadKit kit;
  private LeadId[] ids;
  private HikariDataSource pool;
  private String prefix;
  private final Touchpoint[] batch = new Touchpoint[BATCH];
  private final SplittableRandom random = new SplittableRandom(10);
  private long seq;

  @Setup(Level.Trial)
  public void setUp() {
    if (segments < 10 || segments % 10 != 0) {
      throw new IllegalArgumentException("segments must be a multiple of 10: " + segments);
    }
    if (runtime.equals("postgresql")) {
      prefix = "p10" + DueStepsBench.run() + "_";
      pool = DueStepsBench.pool(2);
      JdbcStores stores = JdbcStores.builder(pool).tablePrefix(prefix).installSchema().build();
      build(stores);
    } else if (!runtime.equals("memory")) {
      throw new IllegalArgumentException("runtime must be memory or postgresql: " + runtime);
    }
  }

  /** In memory: fresh state before each iteration. On PostgreSQL: vacuum (not timed). */
  @Setup(Level.Iteration)
  public void iteration() throws SQLException {
    if (pool == null) {
      build(null);
    } else {
      DueStepsBench.vacuum(pool, prefix);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    if (pool != null) {
      DueStepsBench.dropPrefixed(pool, prefix);
      pool.close();
    }
  }

  private void build(JdbcStores stores) {
    ManualClock clock = ManualClock.at(Data.T0);
    List<ScoringModel> ms = new ArrayList<>();
    for (int k = 0; k < models; k++) {
      ms.add(ScoringModel.custom("m" + k)
          .behaviour("area", TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/area/**"), 1)
          .behaviour("own", TouchpointFilter.of(TouchpointType.PAGE_VIEW)
              .url("/area/" + (k % (segments / 10)) + "/**"), 2)
          .build());
    }
    ScoringPlugin scoring = ScoringPlugin.builder().models(ms).build();
    SegmentsPlugin seg = stores == null ? SegmentsPlugin.inMemory()
        : SegmentsPlugin.builder().build();
    Journeys js = Journeys.builder().build();
    LeadKit.Builder b = LeadKit.builder().clock(clock).mailer((m, l) -> "m-" + m.key());
    if (stores != null) {
      b.stores(stores);
    }
    kit = b.install(scoring).install(seg).install(js).build();
    for (int i = 0; i < segments; i++) {
      seg.define(SegmentDefinition.of("s" + i, "area " + (i / 10) + " x" + (1 + i % 10),
          Predicates.touchpoints(TouchpointFilter.of(TouchpointType.PAGE_VIEW)
              .url("/area/" + (i / 10) + "/**")).inLast(Duration.ofDays(30))
              .atLeast(1 + i % 10)));
    }
    for (int j = 0; j < journeys; j++) {
      js.publish(Journey.builder("j" + j)
          .trigger(Trigger.segmentEntered(SegmentId.of("s" + (j % segments))))
          .wait("w", Duration.ofDays(30))
          .build());
    }
    ids = MemoryPipelineBench.createLeads(kit, leads);
    seq = 0;
  }

  /** The next {@value #BATCH} touchpoints (not timed). */
  @Setup(Level.Invocation)
  public void nextBatch() {
    int areas = segments / 10;
    for (int i = 0; i < BATCH; i++) {
      long n = seq++;
      batch[i] = Touchpoint.forLead(ids[(int) (n % ids.length)], TouchpointType.PAGE_VIEW,
          Data.T0).id("p10-" + n).url("/area/" + random.nextInt(areas) + "/page").build();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int track() {
    int n = 0;
    for (Touchpoint t : batch) {
      TrackResult r = kit.track(t);
      if (!r.recorded()) {
        throw new IllegalStateException("not recorded: " + t.id());
      }
      n++;
    }
    return n;
  }
}
