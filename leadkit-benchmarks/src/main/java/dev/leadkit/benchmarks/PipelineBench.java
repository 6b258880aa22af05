package dev.leadkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.leadkit.core.TrackResult;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.Touchpoint;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 * P8: end to end on PostgreSQL. leadkit: {@code kit.track(touchpoint)} (P8a) and
 * {@code kit.trackAll} of {@value #BATCH} (P8b) on the engine of {@link PipelineEngine} (scoring,
 * two segments, a segment-triggered journey with one mail), {@code leads} leads created before the
 * trial. Reference: {@link PipelineReference}, the same logical effects in hand-written JDBC on
 * its own tables, one transaction per touchpoint (P8a) or per batch (P8b). One operation = one
 * touchpoint; the stream is unique-id views of /pricing for leads cycling through the
 * {@code leads} leads, single thread. A lead's first view enters the behaviour segment, starts an
 * enrolment and queues one mail; its second crosses the threshold (stage MQL, score segment); later
 * views only add to the score. Each side has a pool of 2 connections; tables are vacuumed before
 * each iteration (not timed) as in P6, since the benchmark server runs without autovacuum.
 *
 * <p>Server: {@code LEADKIT_BENCH_PG_URL} (default the local PostgreSQL test database).
 * Statements and commits per touchpoint are counted apart, in {@link PipelineCounts}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineBench {
  static final int BATCH = 500;

  /** leadkit's side. */
  @State(Scope.Benchmark)
  public static class Leadkit {
    @Param("10000")
    public int leads;

    final String prefix = "p8" + DueStepsBench.run() + "_";
    HikariDataSource pool;
    PipelineEngine engine;
    LeadId[] ids;
    long seq;

    /** Builds the engine and creates the leads. */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
      pool = DueStepsBench.pool(2);
      engine = new PipelineEngine(pool, prefix);
      ids = engine.createLeads(leads);
    }

    /** See {@link DueStepsBench#vacuum}. */
    @Setup(Level.Iteration)
    public void vacuum() throws SQLException {
      DueStepsBench.vacuum(pool, prefix);
    }

    /** Drops the tables. */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
      DueStepsBench.dropPrefixed(pool, prefix);
      pool.close();
    }

    Touchpoint next() {
      long n = seq++;
      return engine.view(ids[(int) (n % ids.length)], n);
    }
  }

  /** The reference's side. */
  @State(Scope.Benchmark)
  public static class Reference {
    @Param("10000")
    public int leads;

    final String prefix = "p8r" + DueStepsBench.run() + "_";
    HikariDataSource pool;
    PipelineReference ref;
    String[] ids;
    long seq;

    /** Creates the tables and the leads. */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
      pool = DueStepsBench.pool(2);
      ref = new PipelineReference(pool, prefix, Data.T0);
      ids = ref.createSchemaAndLeads(leads);
    }

    /** See {@link DueStepsBench#vacuum}. */
    @Setup(Level.Iteration)
    public void vacuum() throws SQLException {
      DueStepsBench.vacuum(pool, prefix);
    }

    /** Drops the tables. */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
      DueStepsBench.dropPrefixed(pool, prefix);
      pool.close();
    }

    PipelineReference.View next() {
      long n = seq++;
      return new PipelineReference.View("p8-" + n, ids[(int) (n % ids.length)],
          PipelineEngine.PRICING_URL);
    }
  }

  /** P8a leadkit: one {@code track} per touchpoint. */
  @Benchmark
  public TrackResult leadkit(Leadkit s) {
    TrackResult r = s.engine.kit.track(s.next());
    if (!r.recorded()) {
      throw new IllegalStateException("not recorded: " + r.touchpoint().id());
    }
    return r;
  }

  /** P8a reference: one transaction per touchpoint. */
  @Benchmark
  public boolean reference(Reference s) throws SQLException {
    if (!s.ref.track(s.next())) {
      throw new IllegalStateException("not recorded");
    }
    return true;
  }

  /** P8b leadkit: {@code trackAll} of {@value #BATCH} touchpoints. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<TrackResult> leadkitBatch(Leadkit s) {
    List<Touchpoint> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(s.next());
    }
    List<TrackResult> r = s.engine.kit.trackAll(batch);
    if (r.size() != BATCH || !r.get(BATCH - 1).recorded()) {
      throw new IllegalStateException("batch not recorded");
    }
    return r;
  }

  /** P8b reference: one transaction per batch of {@value #BATCH}. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int referenceBatch(Reference s) throws SQLException {
    List<PipelineReference.View> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(s.next());
    }
    int n = s.ref.trackAll(batch);
    if (n != BATCH) {
      throw new IllegalStateException("recorded " + n + " of " + BATCH);
    }
    return n;
  }
}
