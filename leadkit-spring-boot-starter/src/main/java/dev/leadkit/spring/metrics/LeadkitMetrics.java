package dev.leadkit.spring.metrics;

import dev.leadkit.core.DueReport;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.event.Subscription;
import dev.leadkit.core.event.TouchpointRecorded;
import dev.leadkit.core.mail.MessageFailed;
import dev.leadkit.core.mail.MessageSent;
import dev.leadkit.core.segment.SegmentEntered;
import dev.leadkit.core.segment.SegmentExited;
import dev.leadkit.journey.event.StepExecuted;
import dev.leadkit.scoring.ThresholdCrossed;
import dev.leadkit.spring.scheduling.DueRunInterceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Binds leadkit's meters to a Micrometer registry. Counters follow the engine's events, so they
 * count only what committed:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>counts</th></tr>
 *   <tr><td>{@code leadkit.touchpoints.tracked}</td><td>counter</td><td></td>
 *       <td>touchpoints recorded</td></tr>
 *   <tr><td>{@code leadkit.segment.entries}</td><td>counter</td><td>{@code segment}</td>
 *       <td>leads entering a segment</td></tr>
 *   <tr><td>{@code leadkit.segment.exits}</td><td>counter</td><td>{@code segment}</td>
 *       <td>leads leaving a segment</td></tr>
 *   <tr><td>{@code leadkit.handoffs}</td><td>counter</td><td>{@code model}</td>
 *       <td>upward threshold crossings (hand-offs to sales)</td></tr>
 *   <tr><td>{@code leadkit.outbox.sent}</td><td>counter</td><td></td>
 *       <td>messages handed to the mailer</td></tr>
 *   <tr><td>{@code leadkit.outbox.failed}</td><td>counter</td><td></td>
 *       <td>failed hand-overs that will be retried</td></tr>
 *   <tr><td>{@code leadkit.outbox.dead}</td><td>counter</td><td></td>
 *       <td>messages given up</td></tr>
 *   <tr><td>{@code leadkit.journey.steps}</td><td>counter</td><td>{@code journey},
 *       {@code step}</td><td>journey steps executed</td></tr>
 *   <tr><td>{@code leadkit.due.runs}</td><td>counter</td><td>{@code outcome}
 *       ({@code success}, {@code failure})</td><td>runDue() calls made through
 *       {@link #intercept}</td></tr>
 *   <tr><td>{@code leadkit.due.duration}</td><td>timer</td><td></td>
 *       <td>how long those calls took</td></tr>
 *   <tr><td>{@code leadkit.due.processed}</td><td>counter</td><td>{@code work}</td>
 *       <td>items processed per due-work name (and {@code outbox} for dispatched messages)</td></tr>
 * </table>
 *
 * <p>Without Spring: {@code new LeadkitMetrics(kit).bindTo(registry)}, and wrap your own
 * scheduled call as {@code metrics.intercept(kit::runDue)} to get the {@code leadkit.due.*}
 * meters. Bind one instance to one registry (use a composite registry for several); binding it
 * to the same registry again does nothing.
 */
public final class LeadkitMetrics implements MeterBinder, DueRunInterceptor, AutoCloseable {
  private final LeadKit kit;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private volatile @Nullable MeterRegistry registry;

  /** Metrics for the engine {@code kit}; nothing is counted until {@link #bindTo}. */
  public LeadkitMetrics(LeadKit kit) {
    if (kit == null) {
      throw new InvalidValueException("kit must not be null");
    }
    this.kit = kit;
  }

  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    if (this.registry == registry) {
      return;
    }
    if (this.registry != null) {
      throw new InvalidValueException("these metrics are already bound to " + this.registry);
    }
    this.registry = registry;
    Counter tracked = Counter.builder("leadkit.touchpoints.tracked")
        .description("Touchpoints recorded").register(registry);
    Counter sent = Counter.builder("leadkit.outbox.sent")
        .description("Messages handed to the mailer").register(registry);
    Counter failed = Counter.builder("leadkit.outbox.failed")
        .description("Failed hand-overs that will be retried").register(registry);
    Counter dead = Counter.builder("leadkit.outbox.dead")
        .description("Messages given up").register(registry);
    runs(registry, "success");
    Timer.builder("leadkit.due.duration").description("Time spent in runDue()")
        .register(registry);

    var events = kit.events();
    subscriptions.add(events.on(TouchpointRecorded.class, e -> tracked.increment()));
    subscriptions.add(events.on(MessageSent.class, e -> sent.increment()));
    subscriptions.add(events.on(MessageFailed.class, e -> {
      if (e.finalFailure()) {
        dead.increment();
      } else {
        failed.increment();
      }
    }));
    subscriptions.add(events.on(SegmentEntered.class, e -> Counter
        .builder("leadkit.segment.entries").description("Leads entering a segment")
        .tag("segment", e.segment().value()).register(registry).increment()));
    subscriptions.add(events.on(SegmentExited.class, e -> Counter
        .builder("leadkit.segment.exits").description("Leads leaving a segment")
        .tag("segment", e.segment().value()).register(registry).increment()));
    subscriptions.add(events.on(ThresholdCrossed.class, e -> {
      if (e.isHandOff()) {
        Counter.builder("leadkit.handoffs").description("Leads handed to sales")
            .tag("model", e.model()).register(registry).increment();
      }
    }));
    subscriptions.add(events.on(StepExecuted.class, e -> Counter
        .builder("leadkit.journey.steps").description("Journey steps executed")
        .tag("journey", e.journey().value()).tag("step", e.step().value())
        .register(registry).increment()));
  }

  private static Counter runs(MeterRegistry registry, String outcome) {
    return Counter.builder("leadkit.due.runs").description("Calls of runDue()")
        .tag("outcome", outcome).register(registry);
  }

  /**
   * Runs {@code runDue}, timing it and counting the run and what it processed. Without a bound
   * registry it only runs it.
   */
  @Override
  public DueReport intercept(Supplier<DueReport> runDue) {
    MeterRegistry r = registry;
    if (r == null) {
      return runDue.get();
    }
    Timer.Sample sample = Timer.start(r);
    DueReport report;
    try {
      report = runDue.get();
    } catch (RuntimeException e) {
      sample.stop(r.timer("leadkit.due.duration"));
      runs(r, "failure").increment();
      throw e;
    }
    sample.stop(r.timer("leadkit.due.duration"));
    runs(r, "success").increment();
    for (Map.Entry<String, Integer> w : report.processed().entrySet()) {
      processed(r, w.getKey()).increment(w.getValue());
    }
    processed(r, "outbox").increment(report.dispatch().sent());
    return report;
  }

  private static Counter processed(MeterRegistry registry, String work) {
    return Counter.builder("leadkit.due.processed").description("Items processed by runDue()")
        .tag("work", work).register(registry);
  }

  /** Stops counting: removes this binder's listeners from the engine. */
  @Override
  public synchronized void close() {
    for (Subscription s : subscriptions) {
      s.close();
    }
    subscriptions.clear();
  }
}
