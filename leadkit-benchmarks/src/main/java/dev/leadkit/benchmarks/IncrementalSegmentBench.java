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
 * its own, then hand-written per-lead day buckets (a 90-slot ring of counts and a running sum),
 * a member set, and for members the day their count falls below 5 in a day-indexed queue that
 * is swept once per simulated day (the same job: members also leave as time passes). Both see
 * the same stream with fresh touchpoint ids. One operation = one touchpoint.
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

  /** The hand-written reference: a log, day buckets per lead, members, a due-day queue. */
  static final class Reference {
    final TouchpointLog log = InMemory.touchpointLog();
    final HashMap<LeadId, int[]> buckets = new HashMap<>();
    /** Per lead: {last day rotated in, running sum, due day or -1}. */
    final HashMap<LeadId, long[]> state = new HashMap<>();
    final HashSet<LeadId> members = new HashSet<>();
    final HashMap<Long, ArrayList<LeadId>> dueByDay = new HashMap<>();
    long sweptDay = Long.MIN_VALUE;

    void track(Touchpoint t) {
      log.append(t);
      long today = Math.floorDiv(t.at().toEpochMilli(), DAY_MS);
      sweep(today);
      if (!t.type().equals(TouchpointType.PAGE_VIEW)) {
        return;
      }
      String url = t.properties().get(PropertyKey.URL);
      if (!url.equals("/pricing") && !url.startsWith("/pricing/")) {
        return;
      }
      LeadId id = t.lead().get();
      int[] ring = buckets.computeIfAbsent(id, k -> new int[DAYS]);
      long[] st = state.computeIfAbsent(id, k -> new long[] {today, 0, -1});
      rotate(ring, st, today);
      ring[(int) Math.floorMod(today, (long) DAYS)]++;
      st[1]++;
      update(id, ring, st);
    }

    /** Moves the ring forward to {@code day}, dropping the days that left the window. */
    static void rotate(int[] ring, long[] st, long day) {
      long gap = day - st[0];
      if (gap >= DAYS) {
        java.util.Arrays.fill(ring, 0);
        st[1] = 0;
      } else {
        for (long d = st[0] + 1; d <= day; d++) {
          int slot = (int) Math.floorMod(d, (long) DAYS);
          st[1] -= ring[slot];
          ring[slot] = 0;
        }
      }
      st[0] = Math.max(st[0], day);
    }

    /** Membership from the running sum; a member is queued for the day it may leave. */
    void update(LeadId id, int[] ring, long[] st) {
      if (st[1] >= MIN) {
        members.add(id);
        // the oldest days leave first: find the day by which enough views have left
        long left = 0;
        long due = -1;
        for (long d = st[0] - DAYS + 1; d <= st[0]; d++) {
          left += ring[(int) Math.floorMod(d, (long) DAYS)];
          if (st[1] - left < MIN) {
            due = d + DAYS;
            break;
          }
        }
        if (due != st[2]) {
          st[2] = due;
          dueByDay.computeIfAbsent(due, k -> new ArrayList<>()).add(id);
        }
      } else {
        members.remove(id);
        st[2] = -1;
      }
    }

    /** Re-checks the members due on each day up to {@code today}. */
    void sweep(long today) {
      if (sweptDay == Long.MIN_VALUE) {
        sweptDay = today;
        return;
      }
      for (long d = sweptDay + 1; d <= today; d++) {
        ArrayList<LeadId> due = dueByDay.remove(d);
        if (due == null) {
          continue;
        }
        for (LeadId id : due) {
          long[] st = state.get(id);
          if (st[2] != d) {
            continue; // re-queued for another day since
          }
          int[] ring = buckets.get(id);
          rotate(ring, st, d);
          update(id, ring, st);
        }
      }
      sweptDay = Math.max(sweptDay, today);
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

  private Touchpoint next() {
    clockMillis += 20_000; // 20 s between touchpoints: ~4,300 a day
    int lead = random.nextInt(Math.min(leads, 20_000)); // a hot set of active leads
    return Data.touch(random, lead, java.time.Instant.ofEpochMilli(clockMillis), seq++);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long leadkit() {
    for (int i = 0; i < BATCH; i++) {
      Touchpoint t = next();
      clock.set(t.at());
      long day = Math.floorDiv(clockMillis, DAY_MS);
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
    for (int i = 0; i < BATCH; i++) {
      ref.track(next());
    }
    return ref.members.size();
  }
}
