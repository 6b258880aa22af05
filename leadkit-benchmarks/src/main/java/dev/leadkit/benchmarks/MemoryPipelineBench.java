package dev.leadkit.benchmarks;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.TrackResult;
import dev.leadkit.core.UpsertResult;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.Trigger;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringPlugin;
import dev.leadkit.scoring.Threshold;
import dev.leadkit.core.predicate.TouchpointFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * P8m: end to end in memory. leadkit: {@code kit.track(touchpoint)} on the in-memory runtime
 * (the default stores) with the definitions of {@link PipelineEngine}: one scoring model
 * (pricing view +3, any page view +1, threshold 5 sets MQL), two segments ("viewed /pricing in
 * 30 days", "engagement at least 5") and one journey started by entering the first segment that
 * sends one mail (to a mailer that only counts). Reference ({@link Reference}): a hand-written
 * loop on plain maps doing the same logical work per touchpoint: refuse a seen id, refuse an
 * unknown lead, append to a log, add the points, on crossing 5 set the stage and enter the score
 * segment, on a pricing view enter the behaviour segment and, on entering it, enrol and queue
 * the mail.
 *
 * <p>One operation = one touchpoint. The stream is P8's: unique-id views of /pricing cycling
 * through {@code leads} leads (round 1 enters, enrols and queues; round 2 crosses the
 * threshold; later rounds only score). The touchpoints are built before each invocation (not
 * timed), and both sides start every iteration from fresh state (not timed), so that neither
 * carries the log of earlier iterations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MemoryPipelineBench {
  static final int BATCH = 1_000;

  @Param("10000")
  public int leads;

  private LeadKit kit;
  private Reference ref;
  private LeadId[] ids;
  private final Touchpoint[] batch = new Touchpoint[BATCH];
  private long seq;
  final AtomicLong sent = new AtomicLong();

  /** The in-memory engine with P8's definitions. */
  static LeadKit engine(ManualClock clock, dev.leadkit.core.port.Mailer mailer) {
    ScoringPlugin scoring = ScoringPlugin.builder().model(ScoringModel.custom("engagement")
        .behaviour("pricing", PipelineEngine.PRICING, 3)
        .behaviour("any-page", TouchpointFilter.of(TouchpointType.PAGE_VIEW), 1)
        .threshold(Threshold.at(5).setsStage(LifecycleStage.MQL))
        .build()).build();
    SegmentsPlugin segments = SegmentsPlugin.inMemory();
    Journeys journeys = Journeys.builder().build();
    LeadKit kit = LeadKit.builder().clock(clock).mailer(mailer).install(scoring)
        .install(segments).install(journeys).build();
    segments.define(SegmentDefinition.of(PipelineEngine.VIEWERS.value(),
        "Viewed pricing in 30 days",
        Predicates.touchpoints(PipelineEngine.PRICING).inLast(Duration.ofDays(30)).atLeast(1)));
    segments.define(SegmentDefinition.of(PipelineEngine.ENGAGED.value(), "Engaged",
        Predicates.score("engagement").atLeast(5)));
    journeys.publish(Journey.builder("pricing-follow-up")
        .trigger(Trigger.segmentEntered(PipelineEngine.VIEWERS))
        .send("mail", "tpl-pricing")
        .build());
    return kit;
  }

  /** {@code n} subscribed leads created through the engine, 500 per call. */
  static LeadId[] createLeads(LeadKit kit, int n) {
    List<LeadId> out = new ArrayList<>(n);
    List<LeadInput> chunk = new ArrayList<>(500);
    for (int i = 0; i < n; i++) {
      chunk.add(LeadInput.email("lead-" + i + "@example.test")
          .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build());
      if (chunk.size() == 500 || i == n - 1) {
        for (UpsertResult r : kit.upsertLeads(chunk)) {
          out.add(r.lead().id());
        }
        chunk.clear();
      }
    }
    return out.toArray(new LeadId[0]);
  }

  /** Fresh state on both sides before each iteration (not timed). */
  @Setup(Level.Iteration)
  public void fresh() {
    kit = engine(ManualClock.at(Data.T0), (message, lead) -> {
      sent.incrementAndGet();
      return "m-" + message.key();
    });
    ids = createLeads(kit, leads);
    ref = new Reference(ids);
    seq = 0;
  }

  /** The next {@value #BATCH} touchpoints of the stream (not timed). */
  @Setup(Level.Invocation)
  public void nextBatch() {
    Instant at = Data.T0;
    for (int i = 0; i < BATCH; i++) {
      long n = seq++;
      batch[i] = Touchpoint.forLead(ids[(int) (n % ids.length)], TouchpointType.PAGE_VIEW, at)
          .id("p8-" + n).url(PipelineEngine.PRICING_URL).build();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int leadkit() {
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

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int reference() {
    int n = 0;
    for (Touchpoint t : batch) {
      if (!ref.track(t)) {
        throw new IllegalStateException("not recorded: " + t.id());
      }
      n++;
    }
    return n;
  }

  /** The hand-written loop: one mutable row per lead, a log, an outbox. */
  static final class Reference {
    static final double PRICING_POINTS = 3;
    static final double PAGE_POINTS = 1;
    static final double THRESHOLD = 5;

    /** One lead's state. */
    static final class Row {
      LifecycleStage stage = LifecycleStage.KNOWN;
      double score;
      long lastPricingView = Long.MIN_VALUE;
      boolean viewer;
      boolean engaged;
      boolean enrolled;
    }

    /** A queued mail. */
    record Message(String key, LeadId lead, String template, Instant notBefore) {}

    final HashMap<LeadId, Row> leads = new HashMap<>();
    final HashSet<String> seen = new HashSet<>();
    final ArrayList<Touchpoint> log = new ArrayList<>();
    final HashSet<LeadId> viewers = new HashSet<>();
    final HashSet<LeadId> engaged = new HashSet<>();
    final ArrayList<Message> outbox = new ArrayList<>();

    Reference(LeadId[] ids) {
      for (LeadId id : ids) {
        leads.put(id, new Row());
      }
    }

    boolean track(Touchpoint t) {
      LeadId id = t.lead().orElseThrow();
      Row row = leads.get(id);
      if (row == null) {
        throw new IllegalArgumentException("unknown lead " + id);
      }
      if (!seen.add(t.id().value())) {
        return false;
      }
      log.add(t);
      boolean page = t.type().equals(TouchpointType.PAGE_VIEW);
      boolean pricing = page && PipelineEngine.PRICING_URL.equals(t.properties()
          .get(PropertyKey.URL));
      double before = row.score;
      row.score += (page ? PAGE_POINTS : 0) + (pricing ? PRICING_POINTS : 0);
      if (before < THRESHOLD && row.score >= THRESHOLD) {
        row.stage = LifecycleStage.MQL;
        if (!row.engaged) {
          row.engaged = true;
          engaged.add(id);
        }
      }
      if (pricing) {
        row.lastPricingView = t.at().toEpochMilli();
        if (!row.viewer) {
          row.viewer = true;
          viewers.add(id);
          if (!row.enrolled) {
            row.enrolled = true;
            outbox.add(new Message("pricing-follow-up|" + id.value() + "|mail", id,
                "tpl-pricing", t.at()));
          }
        }
      }
      return true;
    }
  }
}
