package dev.leadkit.benchmarks;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
 * pricing page views in the last 90 days". leadkit: {@link SegmentsPlugin#evaluate}. Reference:
 * a hand-written loop over the same store pages and touchpoint log with the test coded inline.
 * One operation = one pass over all leads.
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
    for (int i = 0; i < leads; i++) {
      batch.add(Data.lead(i));
      if (batch.size() == 5000) {
        store.saveAll(batch);
        batch.clear();
      }
    }
    store.saveAll(batch);
    SplittableRandom r = new SplittableRandom(7);
    List<Touchpoint> tps = new ArrayList<>();
    long seq = 0;
    for (int i = 0; i < leads; i++) {
      for (int j = 0; j < 5; j++) {
        tps.add(Data.touch(r, i, Data.T0.plus(Duration.ofMinutes(r.nextInt(120 * 24 * 60))),
            seq++));
      }
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
    Instant now = clock.instant();
    TouchpointQuery q = TouchpointQuery.ofTypes(TouchpointType.PAGE_VIEW)
        .since(now.minus(Duration.ofDays(90)));
    BigDecimal minSize = BigDecimal.valueOf(300);
    HashSet<LeadId> members = new HashSet<>();
    LeadId after = null;
    while (true) {
      List<Lead> page = store.page(after, 500);
      if (page.isEmpty()) {
        break;
      }
      for (Lead l : page) {
        String industry = l.attributes().text(AttributeKey.INDUSTRY).orElse("");
        if (!industry.equals("manufacturing") && !industry.equals("it")) {
          continue;
        }
        BigDecimal size = l.attributes().number(AttributeKey.COMPANY_SIZE).orElse(null);
        if (size == null || size.compareTo(minSize) < 0) {
          continue;
        }
        int n = 0;
        for (Touchpoint t : log.findByLead(l.id(), q)) {
          String url = t.properties().get(PropertyKey.URL);
          if (url != null && (url.equals("/pricing") || url.startsWith("/pricing/"))) {
            n++;
          }
        }
        if (n >= 2) {
          members.add(l.id());
        }
      }
      after = page.get(page.size() - 1).id();
    }
    return members.size();
  }
}
