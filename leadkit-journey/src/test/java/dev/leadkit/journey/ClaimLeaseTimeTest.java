package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.TimerStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A long due run claims batch after batch: each claim's lease must start at the clock's time of
 * that claim, not at the time the run started (which, on a slow run, hands out leases that have
 * already expired, so that another node takes the same batch while it is still being worked).
 */
class ClaimLeaseTimeTest {
  /** A clock that moves 20 seconds forward each time it is read. */
  private static final class SlowRunClock extends Clock {
    private Instant now = Instant.parse("2026-06-01T00:00:00Z");

    @Override
    public synchronized Instant instant() {
      now = now.plusSeconds(20);
      return now;
    }

    synchronized Instant peek() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void everyClaimTakesItsLeaseFromTheClockAtTheMomentOfTheClaim() {
    SlowRunClock clock = new SlowRunClock();
    TimerStore real = InMemory.timerStore();
    List<Instant[]> claims = new ArrayList<>(); // {claim time argument, clock when called}
    TimerStore spying = (TimerStore) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {TimerStore.class}, (p, m, args) -> {
          if (m.getName().equals("claimDue")) {
            claims.add(new Instant[] {(Instant) args[0], clock.peek()});
          }
          try {
            return m.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    Journeys journeys = Journeys.builder().timerStore(spying).batchSize(2)
        .lease(Duration.ofSeconds(30)).build();
    LeadKit kit = LeadKit.builder().clock(clock).mailer(new RecordingMailer()).install(journeys)
        .build();
    journeys.publish(Journey.builder("drip").wait("pause", Duration.ofSeconds(1))
        .send("hello", "tpl-hello").build());
    for (int i = 0; i < 7; i++) {
      LeadId lead = kit.upsertLead(LeadInput.email("l" + i + "@example.com")
          .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "t").build()).lead().id();
      journeys.enrol(JourneyId.of("drip"), lead, "api");
    }
    claims.clear();
    kit.runDue();

    assertThat(claims).as("batches of two for seven enrolments").hasSizeGreaterThanOrEqualTo(4);
    for (Instant[] c : claims) {
      // the claim's time is the clock's latest reading when claimDue was called
      assertThat(c[0]).isEqualTo(c[1]);
    }
    assertThat(claims.get(claims.size() - 1)[0]).isAfter(claims.get(0)[0].plusSeconds(30));
  }
}
