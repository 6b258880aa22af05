package dev.leadkit.core.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.UnknownLeadException;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.predicate.Explanation;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SegmentsPluginTest {
  static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

  ManualClock clock;
  SegmentsPlugin segments;
  LeadKit kit;
  List<LeadkitEvent> events;

  @BeforeEach
  void setUp() {
    clock = ManualClock.at(T0);
    segments = SegmentsPlugin.inMemory();
    kit = LeadKit.builder().clock(clock).install(segments).build();
    events = new ArrayList<>();
    segments.onEntered(events::add);
    segments.onExited(events::add);
  }

  Lead lead(String email) {
    return kit.upsertLead(LeadInput.email(email).build()).lead();
  }

  void view(LeadId lead, String url) {
    kit.track(Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, clock.instant()).url(url)
        .build());
  }

  static SegmentId id(String s) {
    return SegmentId.of(s);
  }

  @Test
  void aTouchpointOutsideEveryFilterDoesNotRecheckAndTheExitKeepsItsExactInstant() {
    segments.define(SegmentDefinition.parse("pricing", "Pricing in the last day",
        "count(page_view where url ~ \"/pricing/**\", last 1d) >= 1"));
    Lead l = lead("a@example.com");
    view(l.id(), "/pricing/enterprise");
    assertThat(segments.isMember(id("pricing"), l.id())).isTrue();

    // past the window without runDue: a page view that the filter rejects changes nothing
    clock.advance(Duration.ofDays(2));
    view(l.id(), "/blog/scoring");
    kit.track(Touchpoint.forLead(l.id(), TouchpointType.FORM_SUBMITTED, clock.instant())
        .build());
    assertThat(segments.isMember(id("pricing"), l.id())).isTrue();
    assertThat(events).hasSize(1);

    // the schedule makes the exit, at the instant the view left the window
    assertThat(kit.runDue().processed()).containsEntry("segments", 1);
    assertThat(segments.isMember(id("pricing"), l.id())).isFalse();
    assertThat(events).last().isEqualTo(new SegmentExited(id("pricing"), l.id(),
        MembershipCause.TIME, T0.plus(Duration.ofDays(1))));

    // a view that passes the filter is counted at once
    view(l.id(), "https://example.com/pricing?plan=team");
    assertThat(events).last().isEqualTo(new SegmentEntered(id("pricing"), l.id(),
        MembershipCause.TOUCHPOINT, clock.instant()));
  }

  @Test
  void leadEntersOnAVisitAndExitsExactlyWhenTheWindowCloses() {
    segments.define(SegmentDefinition.parse("recent", "Viewed the site in the last 30 days",
        "count(page_view, last 30d) >= 1"));
    Lead l = lead("a@example.com");
    view(l.id(), "/");
    assertThat(events).containsExactly(
        new SegmentEntered(id("recent"), l.id(), MembershipCause.TOUCHPOINT, T0));

    clock.advance(Duration.ofDays(30).minusSeconds(1));
    kit.runDue();
    assertThat(segments.isMember(id("recent"), l.id())).isTrue();

    clock.advance(Duration.ofSeconds(1));
    assertThat(kit.runDue().processed()).containsEntry("segments", 1);
    assertThat(segments.isMember(id("recent"), l.id())).isFalse();
    assertThat(events).last().isEqualTo(new SegmentExited(id("recent"), l.id(),
        MembershipCause.TIME, T0.plus(Duration.ofDays(30))));
  }

  @Test
  void lateRunDueStampsTheExitWithTheInstantTheWindowClosed() {
    segments.define(SegmentDefinition.parse("recent", "recent", "count(any, last 7d) >= 1"));
    Lead l = lead("a@example.com");
    view(l.id(), "/");
    clock.advance(Duration.ofDays(3));
    view(l.id(), "/pricing");
    clock.advance(Duration.ofDays(40));
    kit.runDue();
    assertThat(events).last().isEqualTo(new SegmentExited(id("recent"), l.id(),
        MembershipCause.TIME, T0.plus(Duration.ofDays(10))));
    assertThat(kit.runDue().processed()).containsEntry("segments", 0);
  }

  @Test
  void inactiveLeadsEnterANoActivitySegmentWhenTheirLastTouchAges() {
    segments.define(SegmentDefinition.parse("idle", "No activity in 60 days",
        "count(any, last 60d) = 0"));
    Lead l = lead("a@example.com");
    assertThat(segments.isMember(id("idle"), l.id())).isTrue();
    view(l.id(), "/");
    assertThat(segments.isMember(id("idle"), l.id())).isFalse();
    clock.advance(Duration.ofDays(60));
    kit.runDue();
    assertThat(segments.isMember(id("idle"), l.id())).isTrue();
    assertThat(events).last().isEqualTo(new SegmentEntered(id("idle"), l.id(),
        MembershipCause.TIME, T0.plus(Duration.ofDays(60))));
  }

  @Test
  void renewalDateSegmentIsEnteredWhenTodayReachesNinetyDaysBefore() {
    segments.define(SegmentDefinition.parse("renewal-90", "Renewal within 90 days",
        "renewal_date within next 90d"));
    Lead l = kit.upsertLead(LeadInput.email("c@example.com").attribute(AttributeKey.RENEWAL_DATE,
        AttributeValue.date(LocalDate.parse("2026-08-01"))).build()).lead();
    assertThat(segments.isMember(id("renewal-90"), l.id())).isFalse();
    clock.set(Instant.parse("2026-05-02T23:59:59Z"));
    kit.runDue();
    assertThat(segments.isMember(id("renewal-90"), l.id())).isFalse();
    clock.set(Instant.parse("2026-05-03T00:00:00Z"));
    kit.runDue();
    assertThat(segments.isMember(id("renewal-90"), l.id())).isTrue();
    clock.set(Instant.parse("2026-08-02T00:00:00Z"));
    kit.runDue();
    assertThat(segments.isMember(id("renewal-90"), l.id())).isFalse();
  }

  @Test
  void attributeStageConsentOwnerAndScoreChangesRecheckTheirSegments() {
    segments.define(SegmentDefinition.parse("mfg", "Manufacturing",
        "industry = \"manufacturing\""));
    segments.define(SegmentDefinition.parse("mql", "MQL+", "stage at least mql"));
    segments.define(SegmentDefinition.parse("mailable", "Mailable",
        "consent(email) is subscribed"));
    segments.define(SegmentDefinition.parse("owned", "Owned", "owner exists"));
    segments.define(SegmentDefinition.parse("hot", "Hot", "score(engagement) >= 20"));
    Lead l = lead("a@example.com");
    assertThat(segments.segmentsOf(l.id())).isEmpty();

    kit.upsertLead(LeadInput.email("a@example.com").attribute(AttributeKey.INDUSTRY,
        "manufacturing").build());
    kit.changeStage(l.id(), LifecycleStage.MQL, "scored");
    kit.recordConsent(l.id(), Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form");
    kit.assignOwner(l.id(), dev.leadkit.core.lead.OwnerId.of("rep-1"));
    kit.modify(l.id(), x -> x.withScore("engagement", Score.of(25, clock.instant())));
    assertThat(segments.segmentsOf(l.id())).containsExactlyInAnyOrder(id("mfg"), id("mql"),
        id("mailable"), id("owned"), id("hot"));
    assertThat(events).hasSize(5).allMatch(e -> e instanceof SegmentEntered se
        && se.cause() == MembershipCause.LEAD_CHANGE);

    kit.recordConsent(l.id(), Channel.EMAIL, ConsentStatus.UNSUBSCRIBED, "link");
    assertThat(events).last().isEqualTo(new SegmentExited(id("mailable"), l.id(),
        MembershipCause.LEAD_CHANGE, T0));
  }

  @Test
  void staticListMembershipIsUsableInPredicates() {
    segments.define(SegmentDefinition.parse("report", "From the analysis report",
        "in list \"analysis-2026q1\" and not stage at least opportunity"));
    Lead a = lead("a@example.com");
    Lead b = lead("b@example.com");
    ListId list = ListId.of("analysis-2026q1");
    assertThat(segments.lists().add(list, List.of(a.id(), b.id(), a.id()))).isEqualTo(2);
    assertThat(segments.members(id("report"), null, 10)).containsExactlyInAnyOrder(a.id(),
        b.id());
    assertThat(segments.lists().remove(list, List.of(b.id()))).isEqualTo(1);
    assertThat(segments.count(id("report"))).isEqualTo(1);
    assertThat(events).last().isEqualTo(new SegmentExited(id("report"), b.id(),
        MembershipCause.LIST, T0));
    assertThatThrownBy(() -> segments.lists().add(list, List.of(LeadId.of("nobody"))))
        .isInstanceOf(UnknownLeadException.class);
    assertThat(segments.lists().size(list)).isEqualTo(1);
  }

  @Test
  void enteringAReferencedSegmentCascadesToSegmentsThatReferenceIt() {
    segments.define(SegmentDefinition.parse("erp", "ERP interest",
        "count(page_view where url ~ \"/products/erp/**\", last 90d) >= 2"));
    segments.define(SegmentDefinition.parse("erp-mfg", "ERP and manufacturing",
        "in segment \"erp\" and industry = \"manufacturing\""));
    Lead l = kit.upsertLead(LeadInput.email("m@example.com").attribute(AttributeKey.INDUSTRY,
        "manufacturing").build()).lead();
    view(l.id(), "/products/erp");
    assertThat(events).isEmpty();
    view(l.id(), "/products/erp/pricing");
    assertThat(events).containsExactly(
        new SegmentEntered(id("erp"), l.id(), MembershipCause.TOUCHPOINT, T0),
        new SegmentEntered(id("erp-mfg"), l.id(), MembershipCause.TOUCHPOINT, T0));
    clock.advance(Duration.ofDays(100));
    kit.runDue();
    assertThat(segments.segmentsOf(l.id())).isEmpty();
    Instant closed = T0.plus(Duration.ofDays(90));
    assertThat(events.subList(2, 4)).containsExactly(
        new SegmentExited(id("erp"), l.id(), MembershipCause.TIME, closed),
        new SegmentExited(id("erp-mfg"), l.id(), MembershipCause.TIME, closed));
  }

  @Test
  void referenceCyclesAndUnknownReferencesAreRefusedAtDefinitionTime() {
    segments.define(SegmentDefinition.parse("a", "A", "industry = \"it\""));
    segments.define(SegmentDefinition.parse("b", "B", "in segment \"a\""));
    segments.define(SegmentDefinition.parse("c", "C", "in segment \"b\" or true"));
    SegmentDefinition cyclic = SegmentDefinition.parse("a", "A", "in segment \"c\"");
    assertThatThrownBy(() -> segments.define(cyclic))
        .isInstanceOf(SegmentCycleException.class)
        .hasMessageContaining("a -> c -> b -> a");
    assertThat(segments.definition(id("a")).orElseThrow().predicate().toText())
        .isEqualTo("industry = \"it\"");
    assertThatThrownBy(() -> segments.define(SegmentDefinition.parse("self", "S",
        "in segment \"self\""))).isInstanceOf(SegmentCycleException.class);
    assertThatThrownBy(() -> segments.define(SegmentDefinition.parse("d", "D",
        "in segment \"nope\""))).isInstanceOf(UnknownSegmentException.class);
    assertThatThrownBy(() -> segments.remove(id("a"))).isInstanceOf(SegmentInUseException.class);
    assertThat(segments.definitions()).extracting(SegmentDefinition::id)
        .containsExactly(id("a"), id("b"), id("c"));
  }

  @Test
  void definingASegmentEvaluatesEveryStoredLeadPageByPage() {
    List<LeadInput> inputs = new ArrayList<>();
    for (int i = 0; i < 1203; i++) {
      inputs.add(LeadInput.email("lead" + i + "@example.com").attribute(AttributeKey.INDUSTRY,
          i % 3 == 0 ? "it" : "retail").build());
    }
    kit.upsertLeads(inputs);
    EvaluationReport r = segments.define(SegmentDefinition.parse("it", "IT", "industry = \"it\""));
    assertThat(r.leadsScanned()).isEqualTo(1203);
    assertThat(r.entered()).isEqualTo(401);
    assertThat(r.members()).isEqualTo(401);
    assertThat(events).hasSize(401).allMatch(e -> ((SegmentEntered) e).cause()
        == MembershipCause.DEFINITION);

    EvaluationReport again = segments.define(SegmentDefinition.parse("it", "IT",
        "industry in (\"it\", \"retail\")"));
    assertThat(again.entered()).isEqualTo(802);
    assertThat(again.exited()).isZero();
    assertThat(segments.count(id("it"))).isEqualTo(1203);
  }

  @Test
  void explainShowsObservedValuesForAStoredLead() {
    segments.define(SegmentDefinition.parse("pricing", "Pricing",
        "count(page_view where url ~ \"/pricing/**\", last 90d) >= 5 and industry = \"it\""));
    Lead l = lead("a@example.com");
    for (int i = 0; i < 3; i++) {
      view(l.id(), "/pricing/plan-" + i);
    }
    Explanation e = segments.explain(id("pricing"), l.id());
    assertThat(e.matched()).isFalse();
    assertThat(e.render()).isEqualTo("""
        [ ] all of
          [ ] count(page_view where url ~ "/pricing/**", last 90d) = 3, needs >= 5
          [ ] industry is missing, needs = "it"
        """);
  }

  @Test
  void duplicateTouchpointsDoNotRecheckAnything() {
    segments.define(SegmentDefinition.parse("two", "Two views", "count(page_view) >= 2"));
    Lead l = lead("a@example.com");
    Touchpoint t = Touchpoint.forLead(l.id(), TouchpointType.PAGE_VIEW, T0).id("same").build();
    kit.track(t);
    kit.track(t);
    assertThat(segments.isMember(id("two"), l.id())).isFalse();
    assertThat(Set.copyOf(events)).isEmpty();
  }

  @Test
  void otherModulesCanEvaluateRulesAgainstStoredListsAndSegments() {
    segments.define(SegmentDefinition.parse("viewers", "Viewers", "count(page_view) >= 1"));
    Lead l = lead("a@example.com");
    view(l.id(), "/");
    segments.lists().add(ListId.of("vip"), List.of(l.id()));
    var rule = dev.leadkit.core.predicate.PredicateText.parse(
        "in segment \"viewers\" and in list \"vip\" and count(page_view, last 1d) = 1")
        .compile();
    assertThat(segments.test(rule, l.id())).isTrue();
    assertThat(rule.test(dev.leadkit.core.predicate.EvaluationInput.of(kit.require(l.id()),
        kit.touchpointLog(), rule, clock.instant()))).isFalse();
  }
}
