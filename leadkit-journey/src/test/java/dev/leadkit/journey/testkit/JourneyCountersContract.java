package dev.leadkit.journey.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.journey.port.CounterKey;
import dev.leadkit.journey.port.JourneyCounters;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link JourneyCounters}. Subclass it and return fresh, zero counters. */
public abstract class JourneyCountersContract {
  /** The counters under test. */
  protected JourneyCounters counters;

  /** Fresh counters, all zero. */
  protected abstract JourneyCounters newCounters();

  @BeforeEach
  void create() {
    counters = newCounters();
  }

  @Test
  void deltasAddUpPerJourneyAndStep() {
    counters.add(Map.of(CounterKey.of("welcome", "enrolled"), 2L,
        CounterKey.of("welcome", "mail-1", "sent"), 1L,
        CounterKey.of("renewal", "enrolled"), 5L));
    counters.add(Map.of(CounterKey.of("welcome", "enrolled"), 3L,
        CounterKey.of("welcome", "mail-1", "sent"), 1L));
    assertThat(counters.snapshot("welcome"))
        .containsOnly(Map.entry(CounterKey.of("welcome", "enrolled"), 5L),
            Map.entry(CounterKey.of("welcome", "mail-1", "sent"), 2L));
    assertThat(counters.snapshot("renewal")).containsEntry(CounterKey.of("renewal", "enrolled"),
        5L);
    assertThat(counters.snapshot("nothing")).isEmpty();
  }

  @Test
  void concurrentAddsAreNotLost() throws Exception {
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 500; i++) {
          counters.add(Map.of(CounterKey.of("j", "sent"), 1L));
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(counters.snapshot("j")).containsEntry(CounterKey.of("j", "sent"), 2000L);
  }
}
