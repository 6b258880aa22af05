package dev.leadkit.examples;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.JourneyStats;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.Programs;
import dev.leadkit.scoring.Caps;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringPlugin;
import dev.leadkit.core.predicate.TouchpointFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 002, dormant customers: a segment "attended last year's exhibition and viewed the site in
 * the last month", a campaign mail to its members, scoring on the clicks, then a visit task for
 * high scores, a call task for middling ones and another mail for the rest.
 */
final class DormantScenario implements Scenario {
  static final String SEGMENT_TEXT = "count(event_attended where event = \"expo-2024\", "
      + "since 2024-01-01) >= 1 and count(page_view, last 30d) >= 1";

  @Override
  public String name() {
    return "dormant";
  }

  @Override
  public String title() {
    return "Seed 002: dormant customers -> segment, campaign mail, score the clicks, "
        + "visit / call / mail";
  }

  /** The campaign's score: a click on the mail and what the customer reads afterwards. */
  static ScoringModel campaign() {
    TouchpointFilter views = TouchpointFilter.of(TouchpointType.PAGE_VIEW);
    return ScoringModel.custom("campaign")
        .behaviour("clicked", TouchpointFilter.of(TouchpointType.EMAIL_CLICKED), 5,
            Caps.oncePerLead())
        .behaviour("product", views.url("/products/**"), 3)
        .behaviour("pricing", views.url("/pricing/**"), 5)
        .behaviour("request", views.url("/request/**"), 8)
        .build();
  }

  private record Customer(String email, boolean expo2024, int daysSinceVisit, int clicks,
      String[] pages) {}

  @Override
  public void run(DemoEnv env, Report out) {
    SegmentsPlugin segments = env.segments();
    ScoringPlugin scoring = env.scoring().model(campaign()).build();
    Journeys journeys = env.journeys().build();
    LeadKit kit = env.register(env.kitBuilder().install(segments).install(scoring).install(journeys).build());
    journeys.publish(Programs.dormantCustomers("dormant-2025", "dormant-campaign-new-release",
        "campaign", 15, 5, "dormant-case-studies", Duration.ofDays(7)));
    List<String> tasks = new ArrayList<>();
    journeys.onSalesTaskCreated(t -> tasks.add(String.format("  task: %-5s %-32s due %s  (%s)",
        t.kind(), kit.require(t.lead()).email(), Report.time(t.dueAt()), t.title())));
    if (env.stores.isPresent()) {
      out.line("%s", env.journeyStoreNote());
    }

    SegmentId dormant = SegmentId.of("expo-2024-recent-visitors");
    segments.define(SegmentDefinition.parse(dormant.value(),
        "Attended last year's exhibition and viewed the site in the last month", SEGMENT_TEXT));
    out.line("Segment %s:%n  %s", dormant.value(), SEGMENT_TEXT);

    Instant now = env.clock.instant();
    Instant expo = Instant.parse("2024-10-16T02:00:00Z");
    Customer[] customers = {
        new Customer("kato@kato-denki.example", true, 3, 1,
            new String[] {"/products/erp", "/pricing/erp", "/request/quote"}),
        new Customer("kimura@kimura-kikai.example", true, 10, 1,
            new String[] {"/products/erp", "/products/crm", "/pricing/erp"}),
        new Customer("hayashi@hayashi-shoji.example", true, 20, 1,
            new String[] {"/products/erp"}),
        new Customer("shimizu@shimizu-buhin.example", true, 5, 0, new String[0]),
        new Customer("yamaguchi@yamaguchi-seiko.example", true, 28, 1, new String[0]),
        new Customer("mori@mori-yakuhin.example", true, 90, 1,
            new String[] {"/products/erp"}),                      // no recent visit
        new Customer("ikeda@ikeda-unyu.example", false, 2, 1,
            new String[] {"/pricing/erp"}),                       // not at the exhibition
    };
    List<LeadId> ids = new ArrayList<>();
    for (Customer c : customers) {
      LeadId id = kit.upsertLead(LeadInput.email(c.email())
          .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "contract")
          .owner(OwnerId.of("rep-kobayashi")).build()).lead().id();
      kit.changeStage(id, LifecycleStage.CUSTOMER, "existing customer");
      ids.add(id);
      if (c.expo2024()) {
        kit.track(Touchpoint.forLead(id, TouchpointType.EVENT_ATTENDED, expo)
            .property(PropertyKey.EVENT, "expo-2024").build());
      }
      kit.track(Touchpoint.forLead(id, TouchpointType.PAGE_VIEW,
          now.minus(Duration.ofDays(c.daysSinceVisit()))).url("/").build());
    }
    Report.Table seg = out.table("customer", "expo-2024", "last visit", "in segment");
    for (int i = 0; i < customers.length; i++) {
      Customer c = customers[i];
      seg.row(c.email(), c.expo2024() ? "attended" : "-", c.daysSinceVisit() + " days ago",
          segments.isMember(dormant, ids.get(i)) ? "yes" : "no");
    }
    seg.print();

    int enrolled = journeys.enrolSegment(JourneyId.of("dormant-2025"), dormant);
    kit.runDue();
    out.line("Campaign mail: %d members enrolled in bulk, %d mails delivered", enrolled,
        env.mailer.deliveries().size());

    out.line("The customers click and read over the next week; their campaign scores:");
    for (int day = 1; day <= 3; day++) {
      env.clock.advance(Duration.ofDays(1));
      for (int i = 0; i < customers.length; i++) {
        Customer c = customers[i];
        if (!segments.isMember(dormant, ids.get(i)) && day == 1) {
          continue;
        }
        if (day == 1 && c.clicks() > 0) {
          kit.track(Touchpoint.forLead(ids.get(i), TouchpointType.EMAIL_CLICKED,
              env.clock.instant()).property(PropertyKey.CAMPAIGN, "dormant-2025").build());
        }
        if (day - 1 < c.pages().length && c.clicks() > 0) {
          kit.track(Touchpoint.forLead(ids.get(i), TouchpointType.PAGE_VIEW,
              env.clock.instant()).url(c.pages()[day - 1]).build());
        }
      }
      kit.runDue();
    }
    Report.Table scores = out.table("customer", "campaign score", "expected next step");
    for (int i = 0; i < customers.length; i++) {
      if (journeys.enrolments(ids.get(i)).isEmpty()) {
        continue;
      }
      double s = kit.require(ids.get(i)).score("campaign").map(Score::value).orElse(0.0);
      scores.row(customers[i].email(), String.format("%.0f", s),
          s >= 15 ? "visit (>= 15)" : s >= 5 ? "call (>= 5)" : "another mail (< 5)");
    }
    scores.print();

    for (int day = 4; day <= 8; day++) {
      env.clock.advance(Duration.ofDays(1));
      kit.runDue();
    }
    out.line("A week after the campaign the journey branches on the score:");
    tasks.stream().sorted().forEach(t -> out.line("%s", t));
    for (RecordingMailer.Delivery d : env.mailer.deliveries()) {
      if (d.message().template().equals("dormant-case-studies")) {
        out.line("  mail: %-30s to %s at %s", d.message().template(), d.recipient().email(),
            Report.time(d.message().notBefore()));
      }
    }
    JourneyStats st = journeys.stats(JourneyId.of("dormant-2025"));
    out.line("dormant-2025: enrolled %d, sent %d, arms: visit %d, call %d, follow-up mail %d",
        st.enrolled(), st.sent(), st.step("visit", "entered"), st.step("call", "entered"),
        st.step("follow-up", "entered"));
    Lead kato = kit.require(ids.get(0));
    out.line("(scores live on the lead: %s has campaign score %.0f)", kato.email(),
        kato.score("campaign").map(Score::value).orElse(0.0));
  }
}
