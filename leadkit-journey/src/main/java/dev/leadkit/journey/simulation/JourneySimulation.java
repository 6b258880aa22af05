package dev.leadkit.journey.simulation;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.LeadKitPlugin;
import dev.leadkit.core.internal.Args;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.journey.ContentStream;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.SendPolicies;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Backtests and previews of journeys on an isolated copy of the engine.
 *
 * <pre>{@code
 * JourneySimulation sim = JourneySimulation.custom()
 *     .history(kit)                                   // read only: leads, touchpoints, segments
 *     .period(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"))
 *     .plugins(() -> List.of(scoringPlugin(), SegmentsPlugin.inMemory()))   // fresh, per run
 *     .policies(policies)                             // the production send policies
 *     .zone(ZoneId.of("Asia/Tokyo"))                  // days and weeks of the report
 *     .build();
 * SimulationComparison cmp = sim.compare(welcomeV1, welcomeV2);
 * JourneyPreview next = sim.preview(welcomeV2, Duration.ofDays(14));
 * }</pre>
 *
 * <h2>How a run works</h2>
 *
 * <p>Each run builds a new engine on {@link dev.leadkit.core.memory.InMemory#stores()} with a
 * {@link dev.leadkit.core.time.ManualClock}, a mailer that only counts, the history engine's
 * vocabulary and stage transitions, its segment definitions (copied from its definition store,
 * if it has one), fresh plugins from {@link Builder#plugins} and a journey engine with the
 * given {@link SendPolicies}. The deciders are the production ones, so a simulation cannot
 * drift from what the engine would do. Nothing is written to the history engine's stores and
 * nothing is sent.
 *
 * <p>The recorded history is turned back into inputs:
 *
 * <ul>
 *   <li>every lead created before the end of the period, created under its recorded id at its
 *       creation time (leads older than the start are created at the start, in the state they
 *       had then), with its current attributes and owner;
 *   <li>its stage changes at their recorded times, and its consent changes (the current record
 *       per channel) at theirs; a lead that unsubscribed during the period counts as subscribed
 *       before;
 *   <li>its touchpoints at their recorded times; touchpoints before the start are loaded as
 *       history without being decided.
 * </ul>
 *
 * <p>What the simulated journey itself produced in production (its mails' {@code email_sent}
 * touchpoints, its {@code journey_exited} touchpoints and its stage steps, recognised by the
 * journey id) is left out: the simulation makes its own. Recorded behaviour is replayed as it
 * happened; it does not react to the simulated mails.
 *
 * <p>The simulated clock visits, in order: the start, every {@link Builder#tick tick} after it,
 * the time of every input, every time a journey enrolment comes due, and the end. At each
 * visit it applies the inputs of that time, then runs {@code runDue()} (due work of every
 * plugin, then the outbox dispatcher). The journey is published at the period's start, after
 * the leads that existed before it were created, so they enter only through what happens in the
 * period.
 *
 * <p>Instances are immutable and thread-safe; every run builds its own engine.
 */
public final class JourneySimulation {
  final LeadKit history;
  final Instant from;
  final Instant to;
  final Duration warmUp;
  final Duration tick;
  final ZoneId zone;
  final Supplier<? extends List<? extends LeadKitPlugin>> plugins;
  final SendPolicies policies;
  final List<ContentStream> streams;

  private JourneySimulation(Builder b) {
    this.history = Args.notNull(b.history, "history");
    if (b.from == null || b.to == null) {
      throw new InvalidValueException("period must be set");
    }
    this.from = b.from;
    this.to = b.to;
    this.warmUp = b.warmUp == null ? Duration.ZERO : b.warmUp;
    this.tick = b.tick == null ? Duration.ofHours(1) : b.tick;
    this.zone = b.zone == null ? ZoneOffset.UTC : b.zone;
    this.plugins = b.plugins == null ? List::<LeadKitPlugin>of : b.plugins;
    this.policies = b.policies == null ? SendPolicies.none() : b.policies;
    this.streams = b.streams == null ? List.of() : b.streams;
  }

  /**
   * Starts a simulation.
   *
   * @return a builder; {@link Builder#history} and {@link Builder#period} are required
   */
  public static Builder custom() {
    return new Builder();
  }

  /**
   * Backtests {@code journey} over the period.
   *
   * @param journey the journey version to simulate
   * @return what it would have done
   * @throws InvalidValueException if {@code journey} is null
   */
  public SimulationReport run(Journey journey) {
    Args.notNull(journey, "journey");
    return new Replay(this, List.of(journey.id())).backtest(journey);
  }

  /**
   * Backtests two journeys (two versions of one, or two alternatives) over the same period, each
   * on its own isolated engine.
   *
   * @param a the first, e.g. the version in production
   * @param b the second, e.g. the candidate
   * @return both reports, side by side
   * @throws InvalidValueException if either is null
   */
  public SimulationComparison compare(Journey a, Journey b) {
    Args.notNull(a, "a");
    Args.notNull(b, "b");
    return new SimulationComparison(run(a), run(b));
  }

  /**
   * A dry run of {@code journey} against the population at the end of the period: the period is
   * replayed without it (to rebuild scores, memberships and windows), then it is published and
   * its audience enrolled: the members of the segments it is triggered by, the leads meeting its
   * condition triggers now, and the leads whose date triggers fall within {@code horizon}.
   * Touchpoint triggers enrol nobody, since no future touchpoint is known. Then the clock runs
   * {@code horizon} further without new inputs.
   *
   * @param journey the new journey version
   * @param horizon how far ahead to look
   * @return who enters and what each would receive
   * @throws InvalidValueException if an argument is null or {@code horizon} is not positive
   */
  public JourneyPreview preview(Journey journey, Duration horizon) {
    Args.notNull(journey, "journey");
    checkHorizon(horizon);
    return new Replay(this, List.of(journey.id())).preview(journey, horizon, Optional.empty());
  }

  /**
   * {@link #preview(Journey, Duration)} for an audience of the caller's choice (a list from a
   * report, say) instead of the journey's triggers; unknown, unsubscribed and goal-reaching
   * leads are refused as {@code enrolAll} refuses them.
   *
   * @param journey the new journey version
   * @param horizon how far ahead to look
   * @param audience the leads to enrol at the end of the period
   * @return who enters and what each would receive
   * @throws InvalidValueException if an argument is null or {@code horizon} is not positive
   */
  public JourneyPreview preview(Journey journey, Duration horizon, Collection<LeadId> audience) {
    Args.notNull(journey, "journey");
    checkHorizon(horizon);
    Args.notNull(audience, "audience");
    List<LeadId> copy = new ArrayList<>();
    for (LeadId id : audience) {
      copy.add(Args.notNull(id, "audience element"));
    }
    return new Replay(this, List.of(journey.id())).preview(journey, horizon,
        Optional.of(copy));
  }

  private static void checkHorizon(@Nullable Duration horizon) {
    Duration h = Args.notNull(horizon, "horizon");
    if (h.isNegative() || h.isZero()) {
      throw new InvalidValueException("horizon must be positive: " + horizon);
    }
  }

  /** Builds a {@link JourneySimulation}; each option may be set once. */
  public static final class Builder {
    @Nullable LeadKit history;
    @Nullable Instant from;
    @Nullable Instant to;
    @Nullable Duration warmUp;
    @Nullable Duration tick;
    @Nullable ZoneId zone;
    @Nullable Supplier<? extends List<? extends LeadKitPlugin>> plugins;
    @Nullable SendPolicies policies;
    @Nullable List<ContentStream> streams;

    private Builder() {}

    private static <T> T once(@Nullable Object current, @Nullable T value, String what) {
      T v = Args.notNull(value, what);
      if (current != null) {
        throw new InvalidValueException(what + " was already set to " + current);
      }
      return v;
    }

    private static Duration positive(@Nullable Duration value, String what) {
      Duration v = Args.notNull(value, what);
      if (v.isNegative() || v.isZero()) {
        throw new InvalidValueException(what + " must be positive: " + v);
      }
      return v;
    }

    /**
     * The engine whose recorded history is replayed: its lead store, touchpoint log, segment
     * definitions, vocabulary and stage transitions. It is only read.
     *
     * @param value the production engine
     * @return this builder
     */
    public Builder history(LeadKit value) {
      history = once(history, value, "history");
      return this;
    }

    /**
     * The period to simulate, {@code [from, to)}.
     *
     * @param start the first instant
     * @param end the instant after the last
     * @return this builder
     */
    public Builder period(Instant start, Instant end) {
      Args.notNull(start, "from");
      Args.notNull(end, "to");
      if (!start.isBefore(end)) {
        throw new InvalidValueException("period must end after it starts: " + start + " .. "
            + end);
      }
      from = once(from, start, "period");
      to = end;
      return this;
    }

    /**
     * How much history before the period is replayed through the deciders, without the
     * journey, so that scores and windows are warm when it starts (default: none; older
     * touchpoints are loaded as history without being decided).
     *
     * @param value a non-negative duration
     * @return this builder
     */
    public Builder warmUp(Duration value) {
      Args.notNull(value, "warmUp");
      if (value.isNegative()) {
        throw new InvalidValueException("warmUp must not be negative: " + value);
      }
      warmUp = once(warmUp, value, "warmUp");
      return this;
    }

    /**
     * How often the simulated clock runs due work besides the inputs and journey steps
     * (default: one hour); mail leaves and window and decay timers fire at these times.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder tick(Duration value) {
      tick = once(tick, positive(value, "tick"), "tick");
      return this;
    }

    /**
     * The zone whose days and weeks (starting on Monday) the report counts in (default: UTC).
     *
     * @param value the zone
     * @return this builder
     */
    public Builder zone(ZoneId value) {
      zone = once(zone, value, "zone");
      return this;
    }

    /**
     * Makes the plugins that run beside the journey (scoring, segments, ...), configured as in
     * production, as a new, uninstalled set on every call: each run installs its own. Give them
     * no ports of their own, so that they keep their state in the simulation's in-memory stores
     * (default: none).
     *
     * @param value the plugin factory
     * @return this builder
     */
    public Builder plugins(Supplier<? extends List<? extends LeadKitPlugin>> value) {
      plugins = once(plugins, value, "plugins");
      return this;
    }

    /**
     * The send policies of the simulated journey engine (default: {@link SendPolicies#none()}).
     *
     * @param value the production policies
     * @return this builder
     */
    public Builder policies(SendPolicies value) {
      policies = once(policies, value, "policies");
      return this;
    }

    /**
     * Content streams the journeys use, published on every simulated engine.
     *
     * @param values the streams
     * @return this builder
     */
    public Builder streams(List<ContentStream> values) {
      Args.notNull(values, "streams");
      List<ContentStream> copy = new ArrayList<>();
      for (ContentStream s : values) {
        copy.add(Args.notNull(s, "stream"));
      }
      streams = once(streams, List.copyOf(copy), "streams");
      return this;
    }

    /**
     * The simulation.
     *
     * @return an immutable simulation
     * @throws InvalidValueException if the history or the period is missing
     */
    public JourneySimulation build() {
      return new JourneySimulation(this);
    }
  }
}
