package dev.leadkit.examples;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.JourneyStats;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.Programs;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004's renewal program: customers with a renewal date get messages 90, 60 and 30 days
 * before it, then their owner gets a call task; a customer who renews early leaves the program.
 */
final class RenewalScenario implements Scenario {
  @Override
  public String name() {
    return "renewal";
  }

  @Override
  public String title() {
    return "Renewal: messages 90, 60 and 30 days before each customer's renewal date";
  }

  private record Customer(String email, int renewsInDays, int renewsEarlyOnDay) {}

  @Override
  public void run(DemoEnv env, Report out) {
    Journeys journeys = env.journeys().build();
    LeadKit kit = env.register(env.kitBuilder().install(journeys).build());
    journeys.publish(Programs.renewal("renewal", "renewal-90-questions",
        "renewal-60-your-rep-and-details", "renewal-30-we-will-call"));
    if (env.stores.isPresent()) {
      out.line("%s", env.journeyStoreNote());
    }
    LocalDate today = LocalDate.ofInstant(env.clock.instant(), ZoneOffset.UTC);
    List<Customer> customers = List.of(
        new Customer("kobayashi@kobayashi-foods.example", 121, -1),
        new Customer("watanabe@watanabe-kensetsu.example", 100, 30),   // renews on day 30
        new Customer("yoshida@yoshida-yakuhin.example", 240, -1));     // first mail on day 150
    List<Lead> leads = new ArrayList<>();
    Report.Table who = out.table("customer", "renewal date", "90 days before", "60 days before",
        "30 days before");
    for (Customer c : customers) {
      LocalDate renewal = today.plusDays(c.renewsInDays());
      leads.add(kit.upsertLead(LeadInput.email(c.email())
          .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "contract")
          .owner(OwnerId.of("rep-sato"))
          .attribute(AttributeKey.RENEWAL_DATE, AttributeValue.date(renewal)).build()).lead());
      who.row(c.email(), renewal, renewal.minusDays(90), renewal.minusDays(60),
          renewal.minusDays(30));
    }
    who.print();

    List<String> tasks = new ArrayList<>();
    journeys.onSalesTaskCreated(t -> tasks.add(String.format("  task: %s for %s due %s (%s)",
        t.kind(), kit.require(t.lead()).email(), Report.time(t.dueAt()), t.title())));
    // date steps are due at 09:00 UTC on their day: run the due work at 09:00 every day
    env.clock.advance(Duration.ofHours(9));
    for (int day = 0; day < 120; day++) {
      for (int i = 0; i < customers.size(); i++) {
        if (customers.get(i).renewsEarlyOnDay() == day) {
          out.line("Day %d: %s renews early (a renewal touchpoint)", day,
              customers.get(i).email());
          kit.track(Touchpoint.forLead(leads.get(i).id(), TouchpointType.RENEWAL,
              env.clock.instant()).build());
        }
      }
      kit.runDue();
      env.clock.advance(Duration.ofDays(1));
    }
    out.line("120 days, runDue every day at 18:00 (%s; 09:00 UTC):", Report.ZONE);
    Report.Table mails = out.table("customer", "sent on", "days before renewal", "template",
        "from");
    for (int i = 0; i < customers.size(); i++) {
      Lead l = leads.get(i);
      LocalDate renewal = today.plusDays(customers.get(i).renewsInDays());
      List<RecordingMailer.Delivery> ds = env.mailer.deliveriesTo(l.id());
      if (ds.isEmpty()) {
        mails.row(l.email(), "-", "-", "(nothing yet: the first message is due "
            + renewal.minusDays(90) + ")", "");
      }
      for (RecordingMailer.Delivery d : ds) {
        LocalDate sentOn = Report.day(d.message().notBefore());
        mails.row(l.email(), sentOn, ChronoUnit.DAYS.between(sentOn, renewal),
            d.message().template(),
            d.message().sender().map(OwnerId::value).orElse("company"));
      }
    }
    mails.print();
    tasks.forEach(t -> out.line("%s", t));
    JourneyStats s = journeys.stats(JourneyId.of("renewal"));
    out.line("renewal: enrolled %d, active %d, sent %d, exits %s", s.enrolled(), s.active(),
        s.sent(), Report.counts(s.exitedByReason()));
  }
}
