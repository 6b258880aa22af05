package dev.leadkit.core.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.identity.Identity;
import dev.leadkit.core.identity.LinkKey;
import dev.leadkit.core.identity.LinkKeyRing;
import dev.leadkit.core.identity.MergeRequest;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Segment membership follows merges, stitching and erasure done by the identity plugin. */
class IdentitySegmentsTest {
  static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");
  static final SegmentId TWO_VIEWS = SegmentId.of("two-views");

  ManualClock clock = ManualClock.at(T0);
  Identity identity = Identity.custom()
      .keyRing(LinkKeyRing.of(LinkKey.of("k1", "a".repeat(32).getBytes(StandardCharsets.US_ASCII))))
      .suppressionPepper("p".repeat(32).getBytes(StandardCharsets.US_ASCII)).build();
  SegmentsPlugin segments = SegmentsPlugin.inMemory();
  LeadKit kit = LeadKit.builder().clock(clock).install(identity).install(segments).build();
  List<LeadkitEvent> events = new ArrayList<>();

  @BeforeEach
  void define() {
    segments.define(SegmentDefinition.parse("two-views", "Two page views",
        "count(page_view, last 30d) >= 2"));
    segments.onEntered(events::add);
    segments.onExited(events::add);
  }

  Lead lead(String email) {
    return kit.upsertLead(LeadInput.email(email).build()).lead();
  }

  void view(LeadId lead) {
    kit.track(Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, clock.instant()).url("/")
        .build());
  }

  @Test
  void mergingMovesTouchpointsAndMembershipToTheSurvivor() {
    Lead survivor = lead("card@example.com");
    Lead merged = lead("web@example.com");
    view(survivor.id());
    view(merged.id());
    view(merged.id());
    assertThat(segments.isMember(TWO_VIEWS, merged.id())).isTrue();
    assertThat(segments.isMember(TWO_VIEWS, survivor.id())).isFalse();

    identity.merge(MergeRequest.of(survivor.id(), merged.id(), "alice", "same person").forced());

    assertThat(segments.isMember(TWO_VIEWS, survivor.id())).isTrue();
    assertThat(segments.isMember(TWO_VIEWS, merged.id())).isFalse();
    assertThat(events.subList(1, 3)).containsExactlyInAnyOrder(
        new SegmentExited(TWO_VIEWS, merged.id(), MembershipCause.IDENTITY, T0),
        new SegmentEntered(TWO_VIEWS, survivor.id(), MembershipCause.IDENTITY, T0));
  }

  @Test
  void stitchedVisitorTouchpointsCountForTheLead() {
    VisitorId visitor = VisitorId.of("cookie-1");
    for (int i = 0; i < 2; i++) {
      kit.track(Touchpoint.forVisitor(visitor, TouchpointType.PAGE_VIEW, clock.instant())
          .url("/pricing").build());
    }
    Lead l = lead("new@example.com");
    assertThat(segments.isMember(TWO_VIEWS, l.id())).isFalse();
    identity.identify(visitor, l.id());
    assertThat(segments.isMember(TWO_VIEWS, l.id())).isTrue();
  }

  @Test
  void erasedLeadsLeaveEverySegment() {
    Lead l = lead("gone@example.com");
    view(l.id());
    view(l.id());
    identity.erase(l.id(), "dpo", "request");
    assertThat(segments.segmentsOf(l.id())).isEmpty();
    assertThat(segments.count(TWO_VIEWS)).isZero();
    assertThat(events).last().isEqualTo(new SegmentExited(TWO_VIEWS, l.id(),
        MembershipCause.IDENTITY, T0));
  }
}
