package dev.leadkit.scoring.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.ConcurrentUpdateException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.scoring.Band;
import dev.leadkit.scoring.Caps;
import dev.leadkit.scoring.CompiledModel;
import dev.leadkit.scoring.Decay;
import dev.leadkit.scoring.ScoreState;
import dev.leadkit.scoring.ScoreStateStore;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ScoreStateStore} must pass. Subclass it and return a fresh, empty
 * store from {@link #newStore()}; leadkit-jdbc runs it on H2, PostgreSQL and MariaDB.
 */
public abstract class ScoreStateStoreContract {
  protected static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");
  protected static final CompiledModel MODEL = ScoringModel.custom("engagement")
      .behaviour("view", TouchpointFilter.of(TouchpointType.PAGE_VIEW), 4, Caps.none().perDay(3))
      .behaviour("form", TouchpointFilter.of(TouchpointType.FORM_SUBMITTED), 10,
          Caps.oncePerLead())
      .decay(Decay.halfLife(Duration.ofDays(7)))
      .threshold(Threshold.at(10).hysteresis(2))
      .bands(Band.digits(10, 5))
      .build().compile();

  protected ScoreStateStore store;

  /** A fresh, empty store. */
  protected abstract ScoreStateStore newStore();

  @BeforeEach
  void setUpStore() {
    store = newStore();
  }

  /** A state with points, counters and a threshold mark, scored at {@code at}. */
  protected static ScoreState scored(String lead, Instant at) {
    ScoreState s = MODEL.newState(LeadId.of(lead));
    MODEL.score(s, Touchpoint.forLead(LeadId.of(lead), TouchpointType.PAGE_VIEW, at).build(),
        CompiledModel.IGNORE);
    MODEL.score(s, Touchpoint.forLead(LeadId.of(lead), TouchpointType.FORM_SUBMITTED, at)
        .build(), CompiledModel.IGNORE);
    return s;
  }

  @Test
  void savedStateReadsBackWithEveryField() {
    ScoreState s = scored("lead-1", T0);
    ScoreState saved = store.save(s);
    ScoreState found = store.find(LeadId.of("lead-1"), "engagement").orElseThrow();
    assertThat(found.sameContent(s)).isTrue();
    assertThat(found.revision()).isEqualTo(saved.revision()).isPositive();
    assertThat(found.rules()).isEqualTo(s.rules());
    assertThat(found.thresholds()).isEqualTo(s.thresholds());
    assertThat(found.thresholds().get(0).above()).isTrue();
    assertThat(found.nextCheck()).isEqualTo(s.nextCheck()).isNotEqualTo(ScoreState.NO_CHECK);
  }

  @Test
  void unknownLeadOrModelIsEmpty() {
    store.save(scored("lead-1", T0));
    assertThat(store.find(LeadId.of("lead-2"), "engagement")).isEmpty();
    assertThat(store.find(LeadId.of("lead-1"), "fit")).isEmpty();
  }

  @Test
  void returnedStatesAreCopies() {
    store.save(scored("lead-1", T0));
    ScoreState a = store.find(LeadId.of("lead-1"), "engagement").orElseThrow();
    MODEL.apply(a, Touchpoint.forLead(LeadId.of("lead-1"), TouchpointType.PAGE_VIEW, T0).build());
    ScoreState b = store.find(LeadId.of("lead-1"), "engagement").orElseThrow();
    assertThat(b.positive()).isEqualTo(14.0);
    assertThat(a.positive()).isEqualTo(18.0);
  }

  @Test
  void staleRevisionIsRefusedAndChangesNothing() {
    ScoreState first = store.save(scored("lead-1", T0));
    ScoreState a = store.find(LeadId.of("lead-1"), "engagement").orElseThrow();
    ScoreState b = store.find(LeadId.of("lead-1"), "engagement").orElseThrow();
    MODEL.apply(a, Touchpoint.forLead(LeadId.of("lead-1"), TouchpointType.PAGE_VIEW, T0).build());
    store.save(a);
    MODEL.apply(b, Touchpoint.forLead(LeadId.of("lead-1"), TouchpointType.PAGE_VIEW, T0).build());
    MODEL.apply(b, Touchpoint.forLead(LeadId.of("lead-1"), TouchpointType.PAGE_VIEW, T0).build());
    assertThatThrownBy(() -> store.save(b)).isInstanceOf(ConcurrentUpdateException.class);
    ScoreState now = store.find(LeadId.of("lead-1"), "engagement").orElseThrow();
    assertThat(now.positive()).isEqualTo(18.0);
    assertThat(now.revision()).isEqualTo(first.revision() + 1);
  }

  @Test
  void newStateOverAStoredOneIsRefused() {
    store.save(scored("lead-1", T0));
    assertThatThrownBy(() -> store.save(scored("lead-1", T0)))
        .isInstanceOf(ConcurrentUpdateException.class);
  }

  @Test
  void batchIsAllOrNothing() {
    store.save(scored("lead-1", T0));
    ScoreState fresh = scored("lead-2", T0);
    ScoreState stale = scored("lead-1", T0); // revision 0, but lead-1 is stored
    assertThatThrownBy(() -> store.saveAll(List.of(fresh, stale)))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.find(LeadId.of("lead-2"), "engagement")).isEmpty();
    List<ScoreState> saved = store.saveAll(List.of(scored("lead-2", T0), scored("lead-3", T0)));
    assertThat(saved).extracting(s -> s.lead().value()).containsExactly("lead-2", "lead-3");
    assertThat(store.findAll(List.of(LeadId.of("lead-1"), LeadId.of("lead-2"),
        LeadId.of("lead-9")), "engagement")).containsOnlyKeys(LeadId.of("lead-1"),
        LeadId.of("lead-2"));
  }

  @Test
  void dueFindsStatesWhoseCheckHasComeEarliestFirst() {
    store.save(scored("late", T0.plus(Duration.ofDays(3))));
    store.save(scored("early", T0));
    ScoreState quiet = MODEL.newState(LeadId.of("quiet"));
    store.save(quiet);
    long early = store.find(LeadId.of("early"), "engagement").orElseThrow().nextCheck();
    assertThat(store.due("engagement", Instant.ofEpochMilli(early - 1), 10)).isEmpty();
    assertThat(store.due("engagement", Instant.ofEpochMilli(early), 10))
        .containsExactly(LeadId.of("early"));
    assertThat(store.due("engagement", T0.plus(Duration.ofDays(365)), 10))
        .containsExactly(LeadId.of("early"), LeadId.of("late"));
    assertThat(store.due("engagement", T0.plus(Duration.ofDays(365)), 1))
        .containsExactly(LeadId.of("early"));
    assertThat(store.due("fit", T0.plus(Duration.ofDays(365)), 10)).isEmpty();
  }

  @Test
  void savingMovesALeadInTheDueIndex() {
    ScoreState s = store.save(scored("lead-1", T0));
    ScoreState later = store.find(LeadId.of("lead-1"), "engagement").orElseThrow();
    MODEL.check(later, Instant.ofEpochMilli(later.nextCheck()), CompiledModel.IGNORE);
    store.save(later);
    assertThat(store.due("engagement", Instant.ofEpochMilli(s.nextCheck()), 10)).isEmpty();
  }

  @Test
  void deleteLeadRemovesEveryModelsStateAndItsDueEntry() {
    store.save(scored("lead-1", T0));
    ScoreState other = ScoringModel.custom("fit").build().compile().newState(LeadId.of("lead-1"));
    store.save(other);
    store.save(scored("lead-2", T0));
    assertThat(store.deleteLead(LeadId.of("lead-1"))).isEqualTo(2);
    assertThat(store.find(LeadId.of("lead-1"), "engagement")).isEmpty();
    assertThat(store.due("engagement", T0.plus(Duration.ofDays(365)), 10))
        .containsExactly(LeadId.of("lead-2"));
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void findByLeadReturnsEveryModelsStateOfThatLeadOnly() {
    store.save(scored("lead-1", T0));
    store.save(ScoringModel.custom("fit").build().compile().newState(LeadId.of("lead-1")));
    store.save(scored("lead-2", T0));
    assertThat(store.findByLead(LeadId.of("lead-1"))).extracting(ScoreState::model)
        .containsExactly("engagement", "fit");
    assertThat(store.findByLead(LeadId.of("lead-3"))).isEmpty();
    store.deleteLead(LeadId.of("lead-1"));
    assertThat(store.findByLead(LeadId.of("lead-1"))).isEmpty();
    assertThat(store.findByLead(LeadId.of("lead-2"))).hasSize(1);
  }

  @Test
  void concurrentWritersNeverLoseAnUpdate() throws Exception {
    store.save(MODEL.newState(LeadId.of("hot")));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      done.add(pool.submit(() -> {
        for (int i = 0; i < 25; i++) {
          while (true) {
            ScoreState s = store.find(LeadId.of("hot"), "engagement").orElseThrow();
            MODEL.apply(s, Touchpoint.forLead(LeadId.of("hot"), TouchpointType.PAGE_VIEW,
                T0.plus(Duration.ofDays(s.rules().get(0).total()))).build());
            try {
              store.save(s);
              break;
            } catch (ConcurrentUpdateException e) {
              // lost the race: re-read and retry, as the engine does
            }
          }
        }
      }));
    }
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    ScoreState end = store.find(LeadId.of("hot"), "engagement").orElseThrow();
    assertThat(end.rules().get(0).total()).isEqualTo(100);
    assertThat(end.revision()).isEqualTo(101);
  }
}
