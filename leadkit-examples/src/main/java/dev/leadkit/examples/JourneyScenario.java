package dev.leadkit.examples;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.JourneyStats;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.Programs;
import java.time.Duration;

/** Seed 004's programs: welcome 1-2-3 and re-engagement of a quiet lead (renewal: {@link RenewalScenario}). */
final class JourneyScenario implements Scenario {
  @Override
  public String name() {
    return "journeys";
  }

  @Override
  public String title() {
    return "Welcome 1-2-3 for a new lead, re-engagement of a quiet one";
  }

  @Override
  public void run(DemoEnv env, Report out) {
    // journeys are a plugin installed when the engine is built: a kit over the env's stores
    Journeys journeys = env.journeys().build();
    LeadKit kit = env.register(env.kitBuilder().install(journeys).build());
    journeys.publish(Programs.welcome("welcome", "welcome-1-what-we-solve",
        "welcome-2-customer-stories", "welcome-3-popular-downloads", Duration.ofDays(3)));
    journeys.publish(Programs.reEngage("re-engage", SegmentId.of("inactive-90d"),
        "re-engage-still-interested", "re-engage-last-chance", Duration.ofDays(7),
        ListId.of("to-prune")));

    Lead newcomer = kit.upsertLead(LeadInput.email("newcomer@example.co.jp")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "web-form")
        .owner(OwnerId.of("rep-sato")).build()).lead();
    Lead quiet = kit.upsertLead(LeadInput.email("quiet@example.co.jp")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "expo-2025")
        .owner(OwnerId.of("rep-sato")).build()).lead();
    if (env.stores.isPresent()) {
      out.line("%s", env.journeyStoreNote());
    }
    out.line("120 days, one runDue per day:");
    kit.track(Touchpoint.forLead(newcomer.id(), TouchpointType.FORM_SUBMITTED,
        env.clock.instant()).build());                                    // -> welcome
    journeys.segmentEntered(SegmentId.of("inactive-90d"), quiet.id());    // -> re-engage
    journeys.onSalesTaskCreated(t -> out.event("  task: %s for %s due %s (%s)", t.kind(),
        kit.require(t.lead()).email(), Report.time(t.dueAt()), t.title()));
    for (int day = 0; day < 120; day++) {
      kit.runDue();
      env.clock.advance(Duration.ofDays(1));
    }
    Report.Table mails = out.table("lead", "sent at (" + Report.ZONE + ")", "template", "from");
    for (Lead l : new Lead[] {newcomer, quiet}) {
      env.mailer.deliveriesTo(l.id()).forEach(d -> mails.row(l.email(),
          Report.time(d.message().notBefore()),
          d.message().template(), d.message().sender().map(OwnerId::value).orElse("company")));
    }
    mails.print();
    Report.Table stats = out.table("journey", "enrolled", "sent", "exits");
    for (String j : new String[] {"welcome", "re-engage"}) {
      JourneyStats s = journeys.stats(JourneyId.of(j));
      stats.row(j, s.enrolled(), s.sent(), Report.counts(s.exitedByReason()));
    }
    stats.print();
  }
}
