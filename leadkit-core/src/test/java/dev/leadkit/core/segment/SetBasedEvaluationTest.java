package dev.leadkit.core.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.PredicateQuery;
import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.predicate.CompiledPredicate;
import dev.leadkit.core.predicate.EvaluationInput;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Full evaluation through an optional {@link PredicateQuery} (a store's set-based query). */
class SetBasedEvaluationTest {
  static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

  ManualClock clock;
  SegmentMembershipStore memberships;
  CountingQuery query;
  SegmentsPlugin segments;
  LeadKit kit;

  /** A store-side query answered by the compiled evaluator over every stored lead. */
  final class CountingQuery implements PredicateQuery {
    int calls;

    @Override
    public Page matching(Predicate predicate, Instant now, @Nullable LeadId after, int limit) {
      calls++;
      CompiledPredicate c = predicate.compile();
      List<Lead> page = kit.leadStore().page(after, limit);
      List<LeadId> out = new ArrayList<>();
      for (Lead l : page) {
        EvaluationInput in = EvaluationInput.of(l, kit.touchpointLog(), c, now)
            .withSegments(s -> memberships.isMember(s, l.id()));
        if (c.test(in)) {
          out.add(l.id());
        }
      }
      return new Page(out, page.size() == limit
          ? Optional.of(page.get(page.size() - 1).id()) : Optional.empty());
    }
  }

  @BeforeEach
  void setUp() {
    clock = ManualClock.at(T0);
    memberships = InMemory.segmentMembershipStore();
    query = new CountingQuery();
    segments = SegmentsPlugin.builder().membershipStore(memberships).predicateQuery(query)
        .build();
    kit = LeadKit.builder().clock(clock).install(segments).build();
  }

  Lead lead(String email, String industry) {
    return kit.upsertLead(LeadInput.email(email).attribute(AttributeKey.INDUSTRY, industry)
        .build()).lead();
  }

  @Test
  void aSegmentDefinedOverExistingLeadsReadsOnlyTheLeadsThatEnter() {
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      leads.add(lead("l" + i + "@example.com", i % 3 == 0 ? "it" : "retail"));
    }

    EvaluationReport report = segments.define(SegmentDefinition.parse("it", "IT",
        "industry = \"it\""));

    assertThat(query.calls).isPositive();
    assertThat(report.entered()).isEqualTo(10);
    assertThat(report.leadsScanned()).isEqualTo(10);
    assertThat(segments.count(SegmentId.of("it"))).isEqualTo(10);
    assertThat(segments.members(SegmentId.of("it"), null, 100)).containsExactlyInAnyOrderElementsOf(
        leads.stream().filter(l -> l.attributes().asMap().get(AttributeKey.INDUSTRY)
            .equals(AttributeValue.text("it"))).map(Lead::id).toList());
  }

  @Test
  void aChangeBehindTheEnginesBackIsFoundAndCascadesToReferencingSegments() {
    Lead a = lead("a@example.com", "retail");
    segments.define(SegmentDefinition.parse("it", "IT", "industry = \"it\""));
    segments.define(SegmentDefinition.parse("it-too", "IT again", "in segment \"it\""));
    assertThat(segments.count(SegmentId.of("it-too"))).isZero();

    kit.leadStore().save(a.withAttributes(Attributes.of(Map.of(AttributeKey.INDUSTRY,
        AttributeValue.text("it"))), clock.instant()));
    EvaluationReport report = segments.evaluate(SegmentId.of("it"));

    assertThat(report.entered()).isEqualTo(1);
    assertThat(segments.isMember(SegmentId.of("it"), a.id())).isTrue();
    assertThat(segments.isMember(SegmentId.of("it-too"), a.id())).isTrue();
  }

  void touched(Lead lead, Instant at) {
    kit.track(Touchpoint.forLead(lead.id(), TouchpointType.PAGE_VIEW, at).url("/").build());
  }

  @Test
  void aSegmentTimeCanOnlyLeaveIsSetBasedAndItsMembersStillExitWhenTheirWindowCloses() {
    Lead recent = lead("recent@example.com", "it");
    Lead older = lead("older@example.com", "it");
    Lead tooOld = lead("too-old@example.com", "it");
    lead("never@example.com", "it");
    touched(recent, T0);
    touched(older, T0.minus(Duration.ofDays(20)));
    touched(tooOld, T0.minus(Duration.ofDays(40)));
    int before = query.calls;

    EvaluationReport report = segments.define(SegmentDefinition.parse("active", "Active",
        "count(any, last 30d) >= 1 and industry = \"it\""));

    assertThat(query.calls).isGreaterThan(before);
    // only the two matching leads are read; the two that cannot enter by time alone are not
    assertThat(report.leadsScanned()).isEqualTo(2);
    assertThat(report.entered()).isEqualTo(2);
    SegmentId active = SegmentId.of("active");
    assertThat(segments.members(active, null, 10)).containsExactlyInAnyOrder(recent.id(),
        older.id());

    // each member got its time-based re-check: "older" leaves when its visit is 30 days old
    clock.set(T0.plus(Duration.ofDays(10)).plusSeconds(1));
    kit.runDue();
    assertThat(segments.members(active, null, 10)).containsExactly(recent.id());
    clock.set(T0.plus(Duration.ofDays(30)).plusSeconds(1));
    kit.runDue();
    assertThat(segments.count(active)).isZero();
  }

  @Test
  void aSegmentTimeCanLetLeadsEnterIsStillEvaluatedLeadByLead() {
    Lead quiet = lead("quiet@example.com", "it");
    lead("busy@example.com", "it");
    touched(quiet, T0.minus(Duration.ofDays(40)));
    int before = query.calls;

    EvaluationReport report = segments.define(SegmentDefinition.parse("dormant", "Dormant",
        "last_touch(any) older than 30d"));

    assertThat(query.calls).isEqualTo(before);
    assertThat(report.leadsScanned()).isEqualTo(2);
    assertThat(report.entered()).isEqualTo(1);
    assertThat(segments.isMember(SegmentId.of("dormant"), quiet.id())).isTrue();
  }
}
