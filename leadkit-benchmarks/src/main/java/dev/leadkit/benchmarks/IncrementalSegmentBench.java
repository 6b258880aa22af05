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
 * incremental re-check of the affected segment). Reference: append to an in-memory log of its
 * own, then hand-written per-lead day buckets (a 90-slot ring of counts and a running sum) and
 * a member set. Both see the same stream with fresh touchpoint ids. One operation = one
 * touchpoint.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IncrementalSegmentBench {
  static final int BATCH = 2_000;
  static final SegmentId SEGMENT = SegmentId.of("pricing-5");

  @Param("100000")
  public int leads;

  private ManualClock clock;
  private LeadKit kit;
  private SegmentsPlugin segments;
  private TouchpointLog refLog;
  private HashMap<LeadId, int[]> buckets;
  private HashMap<LeadId, long[]> bucketState;
  private HashSet<LeadId> refMembers;
  private SplittableRandom random;
  private long seq;
  private long clockMillis;

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
    segments.define(new SegmentDefinition(SEGMENT, "pricing x5 in 90 days",
        Predicates.touchpoints(TouchpointType.PAGE_VIEW).url("/pricing/**")
            .inLast(Duration.ofDays(90)).atLeast(5)));
    refLog = InMemory.touchpointLog();
    buckets = new HashMap<>();
    bucketState = new HashMap<>();
    refMembers = new HashSet<>();
    random = new SplittableRandom(11);
    seq = 0;
    clockMillis = Data.T0.toEpochMilli();
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
      kit.track(t);
    }
    return segments.count(SEGMENT);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long reference() {
    for (int i = 0; i < BATCH; i++) {
      Touchpoint t = next();
      refLog.append(t);
      if (!t.type().equals(TouchpointType.PAGE_VIEW)) {
        continue;
      }
      String url = t.properties().get(PropertyKey.URL);
      if (!url.equals("/pricing") && !url.startsWith("/pricing/")) {
        continue;
      }
      LeadId id = t.lead().get();
      long day = Math.floorDiv(t.at().toEpochMilli(), 86_400_000L);
      int[] ring = buckets.computeIfAbsent(id, k -> new int[90]);
      long[] st = bucketState.computeIfAbsent(id, k -> new long[] {day, 0});
      long gap = day - st[0];
      if (gap >= 90) {
        java.util.Arrays.fill(ring, 0);
        st[1] = 0;
      } else {
        for (long d = st[0] + 1; d <= day; d++) {
          int slot = (int) (d % 90);
          st[1] -= ring[slot];
          ring[slot] = 0;
        }
      }
      st[0] = Math.max(st[0], day);
      ring[(int) (day % 90)]++;
      st[1]++;
      if (st[1] >= 5) {
        refMembers.add(id);
      } else {
        refMembers.remove(id);
      }
    }
    return refMembers.size();
  }
}
