package dev.leadkit.journey;

import static dev.leadkit.core.predicate.Predicates.score;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.event.ConsentChanged;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.mail.MessageSent;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random journeys driven by random events (touchpoints, enrolments, manual sends, score
 * changes, unsubscribes and re-subscribes, time passing): the send policies hold throughout.
 */
class PolicyProperties {
  private static final TouchpointType[] EVENTS = {TouchpointType.FORM_SUBMITTED,
      TouchpointType.EMAIL_CLICKED, TouchpointType.PAGE_VIEW, TouchpointType.SALES_EMAIL};
  private static final FrequencyCap CAP = FrequencyCap.of(Channel.EMAIL, 2, Duration.ofDays(7));

  static Journey randomJourney(Random r, int n) {
    Journey.Builder b = Journey.builder("j" + n).reEntry(r.nextBoolean()
        ? ReEntryPolicy.always() : ReEntryPolicy.after(Duration.ofDays(2)));
    if (n == 0) {
      b.trigger(Trigger.touchpoint(TouchpointFilter.of(TouchpointType.FORM_SUBMITTED)));
    }
    int steps = 1 + r.nextInt(6);
    for (int i = 0; i < steps; i++) {
      String id = "s" + i;
      String next = i + 1 < steps ? "s" + (i + 1) : Journey.END;
      String skip = i + 2 < steps ? "s" + (i + 2) : Journey.END;
      switch (r.nextInt(4)) {
        case 0 -> b.send(id, "tpl-" + n + "-" + i, Channel.EMAIL,
            r.nextBoolean() ? Sender.OWNER : Sender.COMPANY, r.nextInt(10) == 0).goTo(next);
        case 1 -> b.wait(id, Duration.ofHours(1 + r.nextInt(72))).goTo(next);
        case 2 -> b.waitForEvent(id, TouchpointFilter.of(TouchpointType.EMAIL_CLICKED),
            Duration.ofHours(1 + r.nextInt(48)), next, skip);
        default -> b.branch(id, score("engagement").atLeast(10), next, skip);
      }
    }
    return b.build();
  }

  /** What happened: every hand-over (all events are in the fixture). */
  static final class Run {
    final Fixture f;
    final List<Lead> leads = new ArrayList<>();
    final List<MessageSent> sent = new ArrayList<>();

    Run(Fixture f) {
      this.f = f;
    }
  }

  static Run drive(long seed) {
    Random r = new Random(seed);
    Fixture f = new Fixture(SendPolicies.custom().cap(CAP)
        .quietHours(QuietHours.between(LocalTime.of(21, 0), LocalTime.of(7, 0)))
        .salesCollision(Duration.ofDays(1)).build());
    Run run = new Run(f);
    f.kit.events().on(MessageSent.class, run.sent::add);
    int journeys = 1 + r.nextInt(4);
    for (int n = 0; n < journeys; n++) {
      f.journeys.publish(randomJourney(r, n));
    }
    for (int i = 0; i < 4; i++) {
      Lead l = f.lead(i % 2 == 0 ? "Asia/Tokyo" : "Europe/Berlin");
      run.leads.add(l);
    }
    for (int tick = 0; tick < 80; tick++) {
      Lead l = run.leads.get(r.nextInt(run.leads.size()));
      int roll = r.nextInt(100);
      if (roll < 25) {
        f.track(l.id(), EVENTS[r.nextInt(EVENTS.length)]);
      } else if (roll < 33) {
        f.kit.recordConsent(l.id(), Channel.EMAIL, ConsentStatus.UNSUBSCRIBED, "link");
      } else if (roll < 37) {
        f.kit.recordConsent(l.id(), Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form");
      } else if (roll < 52) {
        f.journeys.enrol(JourneyId.of("j" + r.nextInt(journeys)), l.id(), "api");
      } else if (roll < 60) {
        f.journeys.send(new ManualMessage(l.id(), "tpl-manual-" + r.nextInt(3), Channel.EMAIL,
            Sender.OWNER, r.nextInt(5) == 0, "m" + tick));
      } else if (roll < 66) {
        f.kit.modify(l.id(), x -> x.withScore("engagement",
            Score.of(r.nextInt(20), f.now())));
      }
      f.clock.advance(Duration.ofMinutes(30 + r.nextInt(300)));
      f.kit.runDue();
    }
    for (int i = 0; i < 8 * 8; i++) {
      f.clock.advance(Duration.ofHours(3));
      f.kit.runDue();
    }
    return run;
  }

  @Property(tries = 25)
  void noMessageEverReachesALeadThatIsUnsubscribedAtHandOver(@ForAll long seed) {
    Run run = drive(seed);
    Map<LeadId, ConsentStatus> current = new HashMap<>();
    int handedOver = 0;
    for (LeadkitEvent e : run.f.events) { // in publication order
      if (e instanceof ConsentChanged c && c.after().channel().equals(Channel.EMAIL)) {
        current.put(c.lead(), c.after().status());
      } else if (e instanceof MessageSent s) {
        handedOver++;
        assertThat(current.get(s.message().lead()))
            .as("consent of %s when %s was handed over", s.message().lead(), s.message().key())
            .isEqualTo(ConsentStatus.SUBSCRIBED);
      }
    }
    assertThat(handedOver).isEqualTo(run.sent.size());
  }

  @Property(tries = 25)
  void frequencyCapsAreNeverExceeded(@ForAll long seed) {
    Run run = drive(seed);
    Map<LeadId, List<Instant>> scheduled = new HashMap<>();
    for (MessageSent s : run.sent) {
      if (!s.message().operational()) {
        scheduled.computeIfAbsent(s.message().lead(), k -> new ArrayList<>())
            .add(s.message().notBefore());
      }
    }
    scheduled.forEach((lead, times) -> {
      times.sort(null);
      for (int i = 0; i < times.size(); i++) {
        Instant from = times.get(i);
        long inWindow = times.stream()
            .filter(t -> !t.isBefore(from) && t.isBefore(from.plus(CAP.window()))).count();
        assertThat(inWindow).as("mails to %s in the 7 days from %s", lead, from)
            .isLessThanOrEqualTo(CAP.max());
      }
    });
  }
}
