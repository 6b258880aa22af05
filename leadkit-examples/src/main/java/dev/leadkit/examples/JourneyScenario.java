package dev.leadkit.examples;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
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
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Seed 004's programs: welcome 1-2-3, re-engagement of a quiet lead, renewal 90/60/30. */
final class JourneyScenario implements Scenario {
  @Override
  public String name() {
    return "journeys";
  }

  @Override
  public String title() {
    return "Welcome 1-2-3, re-engage a quiet lead, renewal at 90/60/30 days";
  }

  @Override
  public void run(DemoEnv env, Report out) {
    // journeys are a plugin installed when the engine is built: a kit over the env's stores
    Journeys journeys = Journeys.builder().build();
    LeadKit kit = env.kitBuilder().install(journeys).build();
    journeys.publish(Programs.welcome("welcome", "welcome-1-what-we-solve",
        "welcome-2-customer-stories", "welcome-3-popular-downloads", Duration.ofDays(3)));
    journeys.publish(Programs.reEngage("re-engage", SegmentId.of("inactive-90d"),
        "re-engage-still-interested", "re-engage-last-chance", Duration.ofDays(7),
        ListId.of("to-prune")));
    journeys.publish(Programs.renewal("renewal", "renewal-90-questions",
        "renewal-60-your-rep-and-details", "renewal-30-we-will-call"));

    LocalDate renewal = LocalDate.ofInstant(env.clock.instant(), ZoneOffset.UTC).plusDays(121);
    Lead newcomer = kit.upsertLead(LeadInput.email("newcomer@example.co.jp")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "web-form")
        .owner(OwnerId.of("rep-sato")).build()).lead();
    Lead quiet = kit.upsertLead(LeadInput.email("quiet@example.co.jp")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "expo-2025")
        .owner(OwnerId.of("rep-sato")).build()).lead();
    Lead customer = kit.upsertLead(LeadInput.email("customer@example.co.jp")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "contract")
        .owner(OwnerId.of("rep-sato"))
        .attribute(AttributeKey.RENEWAL_DATE, AttributeValue.date(renewal)).build()).lead();

    out.line("Renewal date of %s: %s (90/60/30 days before: %s, %s, %s)", customer.email(),
        renewal, renewal.minusDays(90), renewal.minusDays(60), renewal.minusDays(30));
    if (env.stores.isPresent()) {
      out.line("%s", env.journeyStoreNote());
    }
    out.line("120 days, one runDue per day:");
    kit.track(Touchpoint.forLead(newcomer.id(), TouchpointType.FORM_SUBMITTED,
        env.clock.instant()).build());                                    // -> welcome
    journeys.segmentEntered(SegmentId.of("inactive-90d"), quiet.id());    // -> re-engage
    journeys.onSalesTaskCreated(t -> out.line("  task: %s for %s due %s (%s)", t.kind(),
        kit.require(t.lead()).email(), t.dueAt(), t.title()));
    for (int day = 0; day < 120; day++) {
      kit.runDue();
      env.clock.advance(Duration.ofDays(1));
    }
    Report.Table mails = out.table("lead", "not before", "template", "from");
    for (Lead l : new Lead[] {newcomer, quiet, customer}) {
      env.mailer.deliveriesTo(l.id()).forEach(d -> mails.row(l.email(), d.message().notBefore(),
          d.message().template(), d.message().sender().map(OwnerId::value).orElse("company")));
    }
    mails.print();
    out.line("(runDue runs once a day at midnight UTC; a date step is due at 09:00 UTC on its "
        + "day, so its mail goes out at the next midnight run)");
    Report.Table stats = out.table("journey", "enrolled", "sent", "exits");
    for (String j : new String[] {"welcome", "re-engage", "renewal"}) {
      JourneyStats s = journeys.stats(JourneyId.of(j));
      stats.row(j, s.enrolled(), s.sent(), s.exitedByReason());
    }
    stats.print();
  }
}
