package dev.leadkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;

class ConcurrentScoringTest {
  @RepeatedTest(10)
  void concurrentTouchpointsForOneLeadAreEachScoredOnce() throws Exception {
    ScoringModel model = ScoringModel.from(Seed001.model()).decay(Decay.none()).build();
    ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");
    ScoringPlugin scoring = ScoringPlugin.builder().model(model).build();
    LeadKit kit = LeadKit.builder().clock(clock).install(scoring).build();
    LeadId lead = kit.upsertLead(LeadInput.email("busy@example.com").build()).lead().id();
    kit.track(Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, clock.instant())
        .url("/products/first").build());
    Instant t0 = clock.instant();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int worker = w;
      done.add(pool.submit(() -> {
        for (int i = 0; i < 25; i++) {
          kit.track(Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW,
              t0.plus(Duration.ofMinutes(worker * 25 + i))).url("/products/" + i).build());
        }
      }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    ScoreState state = scoring.stateStore().find(lead, "engagement").orElseThrow();
    assertThat(state.positive()).isEqualTo(3.0 * 101);
    Score snapshot = kit.require(lead).score("engagement").orElseThrow();
    assertThat(snapshot.value()).isEqualTo(303.0);
    ScoreState replayed = scoring.model("engagement").replay(lead, 0,
        kit.touchpointLog().findByLead(lead, TouchpointQuery.all()), clock.instant());
    assertThat(replayed.positive()).isEqualTo(state.positive());
    assertThat(replayed.rules()).isEqualTo(state.rules());
  }
}
