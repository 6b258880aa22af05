package dev.leadkit.spring.metrics;

import dev.leadkit.core.DecisionObserver;
import dev.leadkit.core.Hooks;
import dev.leadkit.core.Input;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One Micrometer {@link Observation} per input decided for a lead, named {@code leadkit.input},
 * so that tracing (OpenTelemetry or Brave through Micrometer Tracing) follows an input through
 * the pipeline: the observation is current (its scope open) while the deciders run and the
 * input's state is written, so the store's own observations (JDBC, say) and the inputs of other
 * leads it causes become its children. Each decider run is an event on it
 * ({@code leadkit.decided}, contextual name {@code <phase> <plugin> <outcome>}).
 *
 * <p>Low-cardinality keys: {@code leadkit.input} (the input's kind), {@code leadkit.outcome};
 * for a touchpoint also {@code leadkit.touchpoint.type}. High-cardinality key: {@code leadkit.lead}
 * (the lead id). With an {@link ObservationRegistry} that has no handlers this does nothing
 * measurable; without one, do not install it.
 */
public final class LeadkitInputObservations implements DecisionObserver {
  private final ObservationRegistry registry;

  /**
   * Observations in {@code registry}.
   *
   * @param registry the registry
   * @throws InvalidValueException if {@code registry} is null
   */
  public LeadkitInputObservations(ObservationRegistry registry) {
    if (registry == null) {
      throw new InvalidValueException("registry must not be null");
    }
    this.registry = registry;
  }

  @Override
  public InputScope inputStarted(LeadId lead, Input input) {
    String kind = LeadkitDecisionMetrics.kind(input);
    Observation o = Observation.createNotStarted("leadkit.input", registry)
        .contextualName("leadkit " + kind)
        .lowCardinalityKeyValue("leadkit.input", kind)
        .highCardinalityKeyValue("leadkit.lead", lead.value());
    if (input instanceof Input.Tracked t) {
      o.lowCardinalityKeyValue("leadkit.touchpoint.type", t.touchpoint().type().name());
    } else if (input instanceof Input.Timer t) {
      o.lowCardinalityKeyValue("leadkit.timer.kind", t.kind());
    }
    o.start();
    Observation.Scope scope = o.openScope();
    return new InputScope() {
      @Override
      public void decided(Hooks.Phase phase, String plugin, Outcome outcome, long nanos) {
        o.event(Observation.Event.of("leadkit.decided",
            phase.name().toLowerCase(Locale.ROOT) + " " + plugin + " " + outcome.tag()));
      }

      @Override
      public void finished(Outcome outcome, @Nullable Throwable failure) {
        o.lowCardinalityKeyValue("leadkit.outcome", outcome.tag());
        if (failure != null) {
          o.error(failure);
        }
        scope.close();
        o.stop();
      }
    };
  }
}
