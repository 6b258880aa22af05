package dev.leadkit.benchmarks;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

/**
 * P2: "at least 5 views of /pricing/** in 90 days" kept up to date while touchpoints stream in.
 * leadkit: {@code kit.track(t)} with the segments plugin installed (append to the log, then the
 * incremental re-check of the affected segment), and {@code kit.runDue()} once per simulated
 * day so that leads leave when their window closes. Reference: append to an in-memory log of
 * its own, then hand-written per-lead state (the times of the 5 newest pricing views), a member
 * set, and the members' exact exit instants in a queue that is drained once per simulated day
 * (the same job: members also leave as time passes). Both are exact and give the same members
 * ({@link MemoryFootprint#incremental} checks that). Both see the same stream with fresh
 * touchpoint ids, built before each invocation (not timed). One operation = one touchpoint.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IncrementalSegmentBench {
  static final int BATCH = 2_000;
  static final SegmentId SEGMENT = SegmentId.of("pricing-5");
  static final int DAYS = 90;
  static final int MIN = 5;
  static final long DAY_MS = 86_400_000L;

  @Param("100000")
  public int leads;

  private ManualClock clock;
  private LeadKit kit;
  private SegmentsPlugin segments;
  private Reference ref;
  private SplittableRandom random;
  private long seq;
  private long clockMillis;
  private long leadkitDay;
  private final Touchpoint[] batch = new Touchpoint[BATCH];

  /**
   * The hand-written reference: a log, per lead the times of its {@code MIN} newest pricing
   * views, the members, and a queue of the members' exit instants. Exact, like the segment: a
   * lead is a member while its {@code MIN}-th newest pricing view is less than 90 days old, and
   * leaves at the instant that view leaves the window. Relies on the stream being in time order
   * (the generator's is).
   */
  static final class Reference {
    static final long WINDOW_MS = DAYS * DAY_MS;
    final TouchpointLog log = InMemory.touchpointLog();
    /** Per lead: a ring of the MIN newest view times, then the number of views, then the due. */
    final HashMap<LeadId, long[]> state = new HashMap<>();
    final HashSet<LeadId> members = new HashSet<>();
    /** Members by exit instant (stale entries are skipped). */
    final java.util.PriorityQueue<Due> due = new java.util.PriorityQueue<>();
    long sweptDay = Long.MIN_VALUE;

    record Due(long at, LeadId lead) implements Comparable<Due> {
      @Override
      public int compareTo(Due o) {
        return Long.compare(at, o.at);
      }
    }

    void track(Touchpoint t) {
      log.append(t);
      long now = t.at().toEpochMilli();
      long today = Math.floorDiv(now, DAY_MS);
      if (today != sweptDay) {
        sweptDay = today;
        sweep(now); // once a day, as leadkit's runDue in the benchmark
      }
      if (!t.type().equals(TouchpointType.PAGE_VIEW)) {
        return;
      }
      String url = t.properties().get(PropertyKey.URL);
      if (!url.equals("/pricing") && !url.startsWith("/pricing/")) {
        return;
      }
      LeadId id = t.lead().get();
      long[] st = state.computeIfAbsent(id, k -> new long[MIN + 2]);
      st[(int) (st[MIN] % MIN)] = now;
      st[MIN]++;
      update(id, st, now);
    }

    /** Membership at {@code now}; a member is queued for the instant it leaves. */
    void update(LeadId id, long[] st, long now) {
      // with MIN views held, the next slot to overwrite holds the MIN-th newest
      long kth = st[MIN] >= MIN ? st[(int) (st[MIN] % MIN)] : Long.MIN_VALUE;
      if (st[MIN] >= MIN && kth > now - WINDOW_MS) {
        members.add(id);
        long leaves = kth + WINDOW_MS;
        if (leaves != st[MIN + 1]) {
          st[MIN + 1] = leaves;
          due.add(new Due(leaves, id));
        }
      } else {
        members.remove(id);
        st[MIN + 1] = 0;
      }
    }

    /** Re-checks the members whose exit instant is at or before {@code now}. */
    void sweep(long now) {
      while (!due.isEmpty() && due.peek().at() <= now) {
        Due d = due.poll();
        long[] st = state.get(d.lead());
        if (st[MIN + 1] == d.at()) { // else re-queued for another instant since
          update(d.lead(), st, now);
        }
      }
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    LeadStore store = InMemory.leadStore();
    List<Lead> batch = new ArrayList<>();
    for (int i = 0; i < leads; i++) {
      batch.add(Data.lead(i));
      if (batch.size() == 5000) {
        store.saveAll(batch);
        batch.clear();
      }
    }
    store.saveAll(batch);
    clock = ManualClock.at(Data.T0);
    segments = SegmentsPlugin.inMemory();
    kit = LeadKit.builder().clock(clock).leadStore(store).touchpointLog(InMemory.touchpointLog())
        .install(segments).build();
    segments.define(new SegmentDefinition(SEGMENT, "pricing x5 in 90 days", predicate()));
    ref = new Reference();
    random = new SplittableRandom(11);
    seq = 0;
    clockMillis = Data.T0.toEpochMilli();
    leadkitDay = Math.floorDiv(clockMillis, DAY_MS);
  }

  static dev.leadkit.core.predicate.Predicate predicate() {
    return Predicates.touchpoints(TouchpointType.PAGE_VIEW).url("/pricing/**")
        .inLast(Duration.ofDays(DAYS)).atLeast(MIN);
  }

  /** The next {@value #BATCH} touchpoints of the stream (not timed). */
  @Setup(Level.Invocation)
  public void nextBatch() {
    for (int i = 0; i < BATCH; i++) {
      batch[i] = next();
    }
  }

  private Touchpoint next() {
    clockMillis += 20_000; // 20 s between touchpoints: ~4,300 a day
    int lead = random.nextInt(Math.min(leads, 20_000)); // a hot set of active leads
    return Data.touch(random, lead, java.time.Instant.ofEpochMilli(clockMillis), seq++);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long leadkit() {
    for (Touchpoint t : batch) {
      clock.set(t.at());
      long day = Math.floorDiv(t.at().toEpochMilli(), DAY_MS);
      if (day != leadkitDay) {
        leadkitDay = day;
        kit.runDue(); // once a day, as the reference sweeps its due queue
      }
      kit.track(t);
    }
    return segments.count(SEGMENT);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long reference() {
    for (Touchpoint t : batch) {
      ref.track(t);
    }
    return ref.members.size();
  }
}
