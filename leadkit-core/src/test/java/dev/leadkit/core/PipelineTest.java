package dev.leadkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.event.LeadUpdated;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.event.StageChanged;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The decision pipeline: deciders, phases, rounds, state parts and the single commit. */
class PipelineTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");
  private static final AttributeKey SEEN = AttributeKey.of("seen");

  /** A plugin made of deciders, one per phase given. */
  private static LeadKitPlugin plugin(Consumer<Hooks> install) {
    return new LeadKitPlugin() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public void install(LeadKit kit, Hooks hooks) {
        install.accept(hooks);
      }
    };
  }

  /** A part that counts its loads and commits and holds a counter. */
  private static final class CountingPart implements StatePart<int[]> {
    final AtomicInteger loads = new AtomicInteger();
    final List<Integer> commits = new ArrayList<>();

    @Override
    public int[] load(LeadId lead) {
      loads.incrementAndGet();
      return new int[1];
    }

    @Override
    public void commit(LeadId lead, int[] value) {
      commits.add(value[0]);
    }
  }

  @Test
  void decidersRunInPhaseOrderEachSeeingTheChangesBeforeItAndTheLeadIsWrittenOnce() {
    List<String> seen = new ArrayList<>();
    LeadKit kit = LeadKit.builder().clock(clock).install(plugin(h -> {
      // registered out of order on purpose: the phase decides, not the registration
      h.decide(Hooks.Phase.JOURNEYS, st -> seen.add("journeys sees " + attr(st.lead())));
      h.decide(Hooks.Phase.SCORING, st -> {
        seen.add("scoring sees " + attr(st.lead()));
        if (st.touchpoint().isPresent()) {
          st.update(l -> l.withAttributes(l.attributes().with(SEEN, "scored"), st.now()));
        }
      });
      h.decide(Hooks.Phase.SEGMENTS, st -> seen.add("segments sees " + attr(st.lead())));
    })).build();
    LeadId id = kit.upsertLead(LeadInput.email("a@example.com").build()).lead().id();
    seen.clear();
    List<LeadkitEvent> heard = new ArrayList<>();
    kit.events().onAny(heard::add);
    long version = kit.require(id).version();

    kit.track(Touchpoint.forLead(id, TouchpointType.PAGE_VIEW, clock.instant()).build());

    assertThat(seen).containsExactly("scoring sees -", "segments sees scored",
        "journeys sees scored");
    assertThat(kit.require(id).version()).isEqualTo(version + 1);
    assertThat(heard.stream().filter(LeadUpdated.class::isInstance)).hasSize(1);
  }

  @Test
  void aPartIsLoadedOnceAndCommittedOnceForAllDecidersAndRounds() {
    CountingPart part = new CountingPart();
    LeadKit kit = LeadKit.builder().clock(clock).install(plugin(h -> {
      h.decide(Hooks.Phase.SCORING, st -> {
        st.part(part)[0]++;
        st.changed(part);
      });
      h.decide(Hooks.Phase.JOURNEYS, st -> {
        st.part(part)[0] += 10;
        st.changed(part);
        // a late change: scoring runs again in a second round of the same input
        if (st.touchpoint().isPresent() && st.lead().stage() == LifecycleStage.KNOWN) {
          st.update(l -> l.withStage(LifecycleStage.ENGAGED, "late", st.now(),
              st.stageTransitions()));
        }
      });
    })).build();
    LeadId id = kit.upsertLead(LeadInput.email("b@example.com").build()).lead().id();
    part.loads.set(0);
    part.commits.clear();

    kit.track(Touchpoint.forLead(id, TouchpointType.PAGE_VIEW, clock.instant()).build());

    assertThat(part.loads).hasValue(1);
    assertThat(part.commits).containsExactly(22); // two rounds, one commit
    assertThat(kit.require(id).stage()).isEqualTo(LifecycleStage.ENGAGED);
  }

  @Test
  void aLateChangeStartsARoundWhoseBeforeIsWhatTheEarlierPhasesSaw() {
    List<String> rounds = new ArrayList<>();
    LeadKit kit = LeadKit.builder().clock(clock).install(plugin(h -> {
      h.decide(Hooks.Phase.SCORING, st -> rounds.add(st.input() + " before "
          + (st.before() == null ? "none" : st.before().stage()) + " now "
          + st.lead().stage()));
      h.decide(Hooks.Phase.JOURNEYS, st -> {
        if (st.touchpoint().isPresent() && st.lead().stage() == LifecycleStage.KNOWN) {
          st.update(l -> l.withStage(LifecycleStage.ENGAGED, "late", st.now(),
              st.stageTransitions()));
        }
      });
    })).build();
    LeadId id = kit.upsertLead(LeadInput.email("c@example.com").build()).lead().id();
    rounds.clear();

    kit.track(Touchpoint.forLead(id, TouchpointType.PAGE_VIEW, clock.instant()).build());

    assertThat(rounds).hasSize(2);
    assertThat(rounds.get(0)).startsWith("Tracked[").endsWith("before KNOWN now KNOWN");
    assertThat(rounds.get(1)).isEqualTo("Changed[cause=round] before KNOWN now ENGAGED");
  }

  @Test
  void decidersThatKeepUndoingEachOtherFailTheInputAndCommitNothing() {
    CountingPart part = new CountingPart();
    LeadKit kit = LeadKit.builder().clock(clock).install(plugin(h -> {
      h.decide(Hooks.Phase.SCORING, st -> {
        st.part(part)[0]++;
        st.changed(part);
      });
      h.decide(Hooks.Phase.JOURNEYS, st -> {
        if (st.input() instanceof Input.Changed c && c.cause().equals("upsert")) {
          return;
        }
        st.update(l -> l.withAttributes(l.attributes().with(SEEN,
            l.attributes().get(SEEN).map(v -> v.asText() + "x").orElse("x")), st.now()));
      });
    })).build();
    LeadId id = kit.upsertLead(LeadInput.email("d@example.com").build()).lead().id();
    Lead stored = kit.require(id);
    part.commits.clear();

    assertThatThrownBy(() -> kit.track(Touchpoint.forLead(id, TouchpointType.PAGE_VIEW,
        clock.instant()).build())).isInstanceOf(LeadkitException.class)
        .hasMessageContaining("kept changing lead " + id);

    // nothing of the decision is written (in memory the touchpoint append itself stays: these
    // stores have no rollback; the JDBC crash tests show the whole input rolled back there)
    assertThat(part.commits).isEmpty();
    assertThat(kit.require(id).sameContent(stored)).isTrue();
    assertThat(kit.require(id).version()).isEqualTo(stored.version());
  }

  @Test
  void anInputAboutTheLeadFromInsideItsDecisionIsDecidedInALaterRoundOfTheSameCommit() {
    List<String> inputs = new ArrayList<>();
    LeadKit[] engine = new LeadKit[1];
    engine[0] = LeadKit.builder().clock(clock).install(plugin(h -> h.decide(Hooks.Phase.JOURNEYS,
        st -> {
          inputs.add(st.touchpoint().map(t -> t.type().name()).orElse(st.input().toString()));
          if (st.touchpoint().filter(t -> t.type().equals(TouchpointType.FORM_SUBMITTED))
              .isPresent()) {
            // bookkeeping of the decision itself, tracked through the engine
            engine[0].track(Touchpoint.forLead(st.id(), TouchpointType.of("bookkeeping"),
                st.now()).build());
            engine[0].changeStage(st.id(), LifecycleStage.ENGAGED, "form");
          }
        }))).build();
    LeadKit kit = engine[0];
    LeadId id = kit.upsertLead(LeadInput.email("e@example.com").build()).lead().id();
    inputs.clear();
    List<LeadkitEvent> heard = new ArrayList<>();
    kit.events().onAny(heard::add);

    kit.track(Touchpoint.forLead(id, TouchpointType.FORM_SUBMITTED, clock.instant()).build());

    assertThat(inputs).containsExactly("form_submitted", "Changed[cause=round]", "bookkeeping");
    assertThat(kit.require(id).stage()).isEqualTo(LifecycleStage.ENGAGED);
    assertThat(heard.stream().filter(StageChanged.class::isInstance)).hasSize(1);
  }

  @Test
  void aDeciderMayNotSwapTheLead() {
    LeadKit kit = LeadKit.builder().clock(clock).install(plugin(h -> h.decide(
        Hooks.Phase.SCORING, st -> {
          if (st.touchpoint().isPresent()) {
            st.lead(st.lead().withVersion(st.lead().version() + 5));
          }
        }))).build();
    Lead stored = kit.upsertLead(LeadInput.email("f@example.com").build()).lead();
    assertThatThrownBy(() -> kit.track(Touchpoint.forLead(stored.id(), TouchpointType.PAGE_VIEW,
        clock.instant()).build()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("a decider must return the same lead");
    assertThat(kit.require(stored.id()).version()).isEqualTo(stored.version());
  }

  private static String attr(Lead l) {
    return l.attributes().get(SEEN).map(AttributeValue::asText).orElse("-");
  }
}
