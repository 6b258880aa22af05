package dev.leadkit.spring.metrics;

import dev.leadkit.core.DecisionObserver;
import dev.leadkit.core.Hooks;
import dev.leadkit.core.Input;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The decision pipeline's meters, as a {@link DecisionObserver}:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>measures</th></tr>
 *   <tr><td>{@code leadkit.inputs}</td><td>timer</td><td>{@code input} ({@code tracked},
 *       {@code changed}, {@code timer}, {@code command}), {@code outcome} ({@code changed},
 *       {@code unchanged}, {@code failed})</td><td>inputs decided for a lead, and how long
 *       their deciders and writes took</td></tr>
 *   <tr><td>{@code leadkit.decisions}</td><td>timer</td><td>{@code phase}, {@code plugin},
 *       {@code outcome}</td><td>decider runs per decider, and how long each took</td></tr>
 *   <tr><td>{@code leadkit.timers.fired}</td><td>counter</td><td>{@code kind}</td>
 *       <td>due timers fired</td></tr>
 *   <tr><td>{@code leadkit.timers.lag}</td><td>timer</td><td>{@code kind}</td>
 *       <td>how late each fired timer was (firing time minus due time)</td></tr>
 * </table>
 *
 * <p>Without Spring: {@code LeadKit.builder().observer(new LeadkitDecisionMetrics(registry))}.
 * Meters are looked up once per tag combination and cached; tags come from installed plugins and
 * timer kinds, so their number stays small.
 */
public final class LeadkitDecisionMetrics implements DecisionObserver {
  private final MeterRegistry registry;
  private final ConcurrentMap<String, Timer> inputs = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Timer> decisions = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> fired = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Timer> lags = new ConcurrentHashMap<>();

  /**
   * Meters in {@code registry}.
   *
   * @param registry where the meters go
   * @throws InvalidValueException if {@code registry} is null
   */
  public LeadkitDecisionMetrics(MeterRegistry registry) {
    if (registry == null) {
      throw new InvalidValueException("registry must not be null");
    }
    this.registry = registry;
  }

  /**
   * The tag value of an input's kind.
   *
   * @param input the input
   * @return {@code tracked}, {@code changed}, {@code timer} or {@code command}
   */
  static String kind(Input input) {
    return input.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  @Override
  public InputScope inputStarted(LeadId lead, Input input) {
    long start = System.nanoTime();
    String kind = kind(input);
    return new InputScope() {
      @Override
      public void decided(Hooks.Phase phase, String plugin, Outcome outcome, long nanos) {
        String phaseTag = phase.name().toLowerCase(Locale.ROOT);
        decisions.computeIfAbsent(phaseTag + '\u0000' + plugin + '\u0000' + outcome.tag(),
            k -> Timer.builder("leadkit.decisions")
                .description("Decider runs, per phase, plugin and outcome")
                .tag("phase", phaseTag).tag("plugin", plugin).tag("outcome", outcome.tag())
                .register(registry))
            .record(nanos, TimeUnit.NANOSECONDS);
      }

      @Override
      public void finished(Outcome outcome, @Nullable Throwable failure) {
        long nanos = System.nanoTime() - start;
        inputs.computeIfAbsent(kind + '\u0000' + outcome.tag(),
            k -> Timer.builder("leadkit.inputs")
                .description("Inputs decided for a lead, per kind and outcome")
                .tag("input", kind).tag("outcome", outcome.tag()).register(registry))
            .record(nanos, TimeUnit.NANOSECONDS);
      }
    };
  }

  @Override
  public void timerFired(String kind, Instant due, Instant firedAt) {
    fired.computeIfAbsent(kind, k -> Counter.builder("leadkit.timers.fired")
        .description("Due timers fired").tag("kind", k).register(registry)).increment();
    Duration lag = Duration.between(due, firedAt);
    lags.computeIfAbsent(kind, k -> Timer.builder("leadkit.timers.lag")
        .description("How late due timers fired").tag("kind", k).register(registry))
        .record(lag.isNegative() ? Duration.ZERO : lag);
  }
}
