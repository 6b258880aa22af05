package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.event.ConsentChanged;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.event.TouchpointRecorded;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.mail.MessageSent;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The send-time gate: random journeys, random clocks and dispatcher delays (the dispatcher runs
 * minutes to more than a day after a send was decided), and consent and sales-mail changes in
 * between. At the instant each message is handed to the mailer, it satisfies every rule:
 * consent, quiet hours in the lead's zone, the sales collision window and the frequency cap
 * counted on actual hand-overs.
 */
class SendTimeGateProperties {
  private static final FrequencyCap CAP = FrequencyCap.of(Channel.EMAIL, 2, Duration.ofDays(1));
  private static final QuietHours QUIET = QuietHours.between(LocalTime.of(20, 0),
      LocalTime.of(8, 0));
  private static final Duration COLLISION = Duration.ofDays(2);
  private static final String[] ZONES = {"Asia/Tokyo", "Europe/Berlin", "America/New_York"};

  static Fixture drive(long seed) {
    Random r = new Random(seed);
    Fixture f = new Fixture(SendPolicies.custom().cap(CAP).quietHours(QUIET)
        .salesCollision(COLLISION).build());
    int journeys = 1 + r.nextInt(3);
    for (int n = 0; n < journeys; n++) {
      f.journeys.publish(PolicyProperties.randomJourney(r, n));
    }
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      leads.add(f.lead(ZONES[i % ZONES.length]));
    }
    for (int tick = 0; tick < 60; tick++) {
      Lead l = leads.get(r.nextInt(leads.size()));
      int roll = r.nextInt(100);
      if (roll < 15) {
        f.track(l.id(), TouchpointType.FORM_SUBMITTED);
      } else if (roll < 25) {
        // the owner (or another rep) mails the lead
        f.kit.track(Touchpoint.forLead(l.id(), TouchpointType.SALES_EMAIL, f.now())
            .property(PropertyKey.OWNER, r.nextBoolean() ? "rep-1" : "rep-2").build());
      } else if (roll < 32) {
        f.kit.recordConsent(l.id(), Channel.EMAIL, ConsentStatus.UNSUBSCRIBED, "link");
      } else if (roll < 40) {
        f.kit.recordConsent(l.id(), Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form");
      } else if (roll < 60) {
        f.journeys.enrol(JourneyId.of("j" + r.nextInt(journeys)), l.id(), "api");
      } else if (roll < 70) {
        f.journeys.send(new ManualMessage(l.id(), "tpl-manual-" + r.nextInt(3), Channel.EMAIL,
            Sender.OWNER, r.nextInt(6) == 0, "m" + tick));
      }
      // decisions are taken now, but the dispatcher may only come round much later
      f.clock.advance(Duration.ofMinutes(1 + r.nextInt(r.nextInt(4) == 0 ? 2000 : 240)));
      if (r.nextInt(3) > 0) {
        f.kit.runDue();
      }
    }
    for (int i = 0; i < 40; i++) {
      f.clock.advance(Duration.ofMinutes(30 + r.nextInt(600)));
      f.kit.runDue();
    }
    return f;
  }

  @Property(tries = 40)
  void noDeliveredMessageViolatesARuleAtItsDeliveryInstant(@ForAll long seed) {
    Fixture f = drive(seed);
    Map<LeadId, ConsentStatus> consent = new HashMap<>();
    Map<LeadId, List<Instant>> salesMails = new HashMap<>();
    Map<LeadId, List<Instant>> handedOver = new HashMap<>();
    Map<LeadId, ZoneId> zones = new HashMap<>();
    int delivered = 0;
    for (LeadkitEvent e : f.events) { // in publication order: what was true at each moment
      if (e instanceof ConsentChanged c && c.after().channel().equals(Channel.EMAIL)) {
        consent.put(c.lead(), c.after().status());
      } else if (e instanceof TouchpointRecorded t
          && t.touchpoint().type().equals(TouchpointType.SALES_EMAIL)) {
        salesMails.computeIfAbsent(t.touchpoint().lead().orElseThrow(), k -> new ArrayList<>())
            .add(t.touchpoint().at());
      } else if (e instanceof MessageSent s) {
        delivered++;
        LeadId lead = s.message().lead();
        Instant at = s.at();
        String what = s.message().key() + " to " + lead + " at " + at;
        assertThat(consent.get(lead)).as("consent of " + what).isEqualTo(ConsentStatus.SUBSCRIBED);
        if (s.message().operational()) {
          continue;
        }
        ZoneId zone = zones.computeIfAbsent(lead,
            id -> f.kit.require(id).timeZone().orElseThrow());
        assertThat(QUIET.isQuiet(at, zone)).as("quiet hours in " + zone + " for " + what)
            .isFalse();
        for (Instant sales : salesMails.getOrDefault(lead, List.of())) {
          assertThat(!at.isBefore(sales) && at.isBefore(sales.plus(COLLISION)))
              .as("sales mail at " + sales + " collides with " + what).isFalse();
        }
        List<Instant> before = handedOver.computeIfAbsent(lead, k -> new ArrayList<>());
        long inWindow = before.stream().filter(t -> t.isAfter(at.minus(CAP.window()))).count();
        assertThat(inWindow + 1).as("hand-overs in the day up to " + what)
            .isLessThanOrEqualTo(CAP.max());
        before.add(at);
      }
    }
    assertThat(delivered).isEqualTo(f.events(MessageSent.class).size());
  }
}
