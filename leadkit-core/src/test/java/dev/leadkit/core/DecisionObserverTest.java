package dev.leadkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The decision observer: inputs, deciders with phase, plugin and outcome, fired timers. */
class DecisionObserverTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");
  private static final AttributeKey SEEN = AttributeKey.of("seen");

  private static LeadKitPlugin plugin(String name, Consumer<Hooks> install) {
    return new LeadKitPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void install(LeadKit kit, Hooks hooks) {
        install.accept(hooks);
      }
    };
  }

  /** Writes down what it hears, one line per call. */
  private static final class Recorder implements DecisionObserver {
    final List<String> heard = new ArrayList<>();
    final List<Throwable> failures = new ArrayList<>();

    @Override
    public InputScope inputStarted(LeadId lead, Input input) {
      heard.add("start " + input.getClass().getSimpleName());
      return new InputScope() {
        @Override
        public void decided(Hooks.Phase phase, String plugin, Outcome outcome, long nanos) {
          assertThat(nanos).isNotNegative();
          heard.add(phase + " " + plugin + " " + outcome.tag());
        }

        @Override
        public void finished(Outcome outcome, @Nullable Throwable failure) {
          heard.add("end " + outcome.tag());
          if (failure != null) {
            failures.add(failure);
          }
        }
      };
    }

    @Override
    public void timerFired(String kind, Instant due, Instant fired) {
      heard.add("timer " + kind + " lag " + Duration.between(due, fired));
    }
  }

  private LeadKit kit(Recorder rec, boolean failOnCall) {
    return LeadKit.builder().clock(clock).observer(rec)
        .install(plugin("scorer", h -> h.decide(Hooks.Phase.SCORING, st -> {
          if (st.touchpoint().isPresent()) {
            st.update(l -> l.withAttributes(l.attributes().with(SEEN, "yes"), st.now()));
          }
        })))
        .install(plugin("watcher", h -> h.decide(Hooks.Phase.OTHER, st -> {
          if (failOnCall && st.touchpoint().filter(t -> t.type().equals(TouchpointType.CALL_LOGGED))
              .isPresent()) {
            throw new IllegalStateException("boom");
          }
        })))
        .build();
  }

  @Test
  void eachInputIsReportedWithEveryDeciderItsPhasePluginAndOutcome() {
    Recorder rec = new Recorder();
    LeadKit kit = kit(rec, false);
    LeadId id = kit.upsertLead(LeadInput.email("a@example.com").build()).lead().id();
    assertThat(rec.heard).containsExactly("start Changed", "SCORING scorer unchanged",
        "OTHER watcher unchanged", "end unchanged");
    rec.heard.clear();

    kit.track(Touchpoint.forLead(id, TouchpointType.PAGE_VIEW, clock.instant()).build());

    // the scorer's change is a late phase for nobody: one round, then the lead is written
    assertThat(rec.heard).containsExactly("start Tracked", "SCORING scorer changed",
        "OTHER watcher unchanged", "end changed");
  }

  @Test
  void aFailingDeciderIsReportedAsFailedAndTheInputAsFailedWithItsCause() {
    Recorder rec = new Recorder();
    LeadKit kit = kit(rec, true);
    LeadId id = kit.upsertLead(LeadInput.email("a@example.com").build()).lead().id();
    rec.heard.clear();

    assertThatThrownBy(() -> kit.track(
        Touchpoint.forLead(id, TouchpointType.CALL_LOGGED, clock.instant()).build()))
        .hasMessage("boom");

    assertThat(rec.heard).containsExactly("start Tracked", "SCORING scorer changed",
        "OTHER watcher failed", "end failed");
    assertThat(rec.failures).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
  }

  @Test
  void aTimerDecidedThroughTheEngineIsReportedWithItsLagAfterItsInput() {
    Recorder rec = new Recorder();
    LeadKit kit = kit(rec, false);
    LeadId id = kit.upsertLead(LeadInput.email("a@example.com").build()).lead().id();
    rec.heard.clear();
    Instant due = clock.instant();
    clock.advance(Duration.ofSeconds(90));

    kit.decide(id, new Input.Timer("test.wait", due));
    kit.timersFired("other", List.of(due.plusSeconds(30)), clock.instant());

    assertThat(rec.heard).containsExactly("start Timer", "SCORING scorer unchanged",
        "OTHER watcher unchanged", "end unchanged", "timer test.wait lag PT1M30S",
        "timer other lag PT1M");
  }

  @Test
  void anObserverThatThrowsNeverFailsAnInput() {
    DecisionObserver broken = (lead, input) -> {
      throw new IllegalStateException("observer bug");
    };
    LeadKit kit = LeadKit.builder().clock(clock).observer(broken).build();

    LeadId id = kit.upsertLead(LeadInput.email("a@example.com").build()).lead().id();

    assertThat(kit.track(Touchpoint.forLead(id, TouchpointType.PAGE_VIEW, clock.instant())
        .build()).recorded()).isTrue();
  }

  @Test
  void theObserverIsSetOnceAndNeverNull() {
    assertThatThrownBy(() -> LeadKit.builder().observer(null))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("observer");
    assertThatThrownBy(() -> LeadKit.builder().observer(new Recorder()).observer(new Recorder()))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("already set");
  }
}
