package dev.leadkit.benchmarks;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.predicate.Predicate;
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
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * P3: full evaluation of a mixed attribute and behaviour segment over every lead of the
 * in-memory store: "industry in (manufacturing, it) and company_size >= 300 and at least 2
 * pricing page views in the last 90 days". leadkit: {@link SegmentsPlugin#evaluate} over its
 * in-memory store and log. Reference: a hand-written loop over plain arrays holding the same
 * data the way a hand-written in-memory system would keep it (columns per lead: industry as a
 * dictionary code, company size as a double; the touchpoints grouped by lead: type code, time in
 * epoch milliseconds and URL), the test coded inline, collecting the member ids. Both hold the
 * same generated leads and touchpoints, loaded before the trial. One operation = one pass over
 * all leads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SegmentEvalBench {
  @Param("100000")
  public int leads;

  static final SegmentId SEGMENT = SegmentId.of("hot-manufacturing");
  private LeadStore store;
  private TouchpointLog log;
  private ManualClock clock;
  private SegmentsPlugin segments;
  private long expectedMembers;
  // the reference's plain arrays
  private LeadId[] ids;
  private byte[] industry;
  private double[] companySize;
  private int[] firstTouch;
  private byte[] touchType;
  private long[] touchAt;
  private String[] touchUrl;
  private static final byte PAGE_VIEW = 1;

  static Predicate predicate() {
    return Predicates.and(
        Predicates.attribute(AttributeKey.INDUSTRY).in("manufacturing", "it"),
        Predicates.attribute(AttributeKey.COMPANY_SIZE).ge(300),
        Predicates.touchpoints(TouchpointType.PAGE_VIEW).url("/pricing/**")
            .inLast(Duration.ofDays(90)).atLeast(2));
  }

  @Setup(Level.Trial)
  public void setUp() {
    store = InMemory.leadStore();
    log = InMemory.touchpointLog();
    List<Lead> batch = new ArrayList<>();
    ids = new LeadId[leads];
    industry = new byte[leads];
    companySize = new double[leads];
    for (int i = 0; i < leads; i++) {
      Lead lead = Data.lead(i);
      batch.add(lead);
      ids[i] = lead.id();
      industry[i] = (byte) java.util.Arrays.asList(Data.INDUSTRIES).indexOf(lead.attributes()
          .text(AttributeKey.INDUSTRY).orElseThrow());
      companySize[i] = lead.attributes().number(AttributeKey.COMPANY_SIZE).orElseThrow()
          .doubleValue();
      if (batch.size() == 5000) {
        store.saveAll(batch);
        batch.clear();
      }
    }
    store.saveAll(batch);
    SplittableRandom r = new SplittableRandom(7);
    List<Touchpoint> tps = new ArrayList<>();
    long seq = 0;
    firstTouch = new int[leads + 1];
    touchType = new byte[leads * 5];
    touchAt = new long[leads * 5];
    touchUrl = new String[leads * 5];
    int k = 0;
    for (int i = 0; i < leads; i++) {
      firstTouch[i] = k;
      for (int j = 0; j < 5; j++) {
        Touchpoint t = Data.touch(r, i, Data.T0.plus(Duration.ofMinutes(r.nextInt(120 * 24
            * 60))), seq++);
        tps.add(t);
        touchType[k] = t.type().equals(TouchpointType.PAGE_VIEW) ? PAGE_VIEW : 0;
        touchAt[k] = t.at().toEpochMilli();
        touchUrl[k] = t.properties().get(PropertyKey.URL);
        k++;
      }
      firstTouch[i + 1] = k;
      if (tps.size() >= 5000) {
        log.appendAll(tps);
        tps.clear();
      }
    }
    log.appendAll(tps);
    clock = ManualClock.at(Data.T0.plus(Duration.ofDays(120)));
    segments = SegmentsPlugin.inMemory();
    LeadKit.builder().clock(clock).leadStore(store).touchpointLog(log).install(segments).build();
    segments.define(new SegmentDefinition(SEGMENT, "hot manufacturing and IT", predicate()));
    expectedMembers = reference();
    if (segments.count(SEGMENT) != expectedMembers) {
      throw new IllegalStateException("leadkit found " + segments.count(SEGMENT)
          + " members, the reference " + expectedMembers);
    }
  }

  @Benchmark
  public long leadkit() {
    return segments.evaluate(SEGMENT).members();
  }

  @Benchmark
  public long reference() {
    long since = clock.instant().minus(Duration.ofDays(90)).toEpochMilli();
    byte manufacturing = 0;
    byte it = 1;
    List<LeadId> members = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      byte ind = industry[i];
      if ((ind != manufacturing && ind != it) || !(companySize[i] >= 300)) {
        continue;
      }
      int n = 0;
      for (int k = firstTouch[i], end = firstTouch[i + 1]; k < end; k++) {
        if (touchType[k] == PAGE_VIEW && touchAt[k] >= since) {
          String url = touchUrl[k];
          if (url != null && (url.equals("/pricing") || url.startsWith("/pricing/"))) {
            n++;
          }
        }
      }
      if (n >= 2) {
        members.add(ids[i]);
      }
    }
    return members.size();
  }
}
