package dev.leadkit.jdbc;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.identity.Identity;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.Enrolment;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.Trigger;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringPlugin;
import dev.leadkit.scoring.Threshold;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An engine on JDBC with scoring (one model), segments (two) and a segment-triggered journey
 * installed, all through {@code stores(JdbcStores)}, on a {@link ProbeDataSource} that counts and
 * fails statements.
 */
final class PipelineRig {
  static final TouchpointFilter PRICING =
      TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/pricing");
  static final SegmentId VIEWERS = SegmentId.of("pricing-viewers");
  static final SegmentId ENGAGED = SegmentId.of("engaged");

  final ManualClock clock = ManualClock.at("2026-05-01T00:00:00Z");
  final RecordingMailer mailer = new RecordingMailer();
  final ProbeDataSource probe;
  final JdbcStores stores;
  final ScoringPlugin scoring;
  final SegmentsPlugin segments;
  final Journeys journeys;
  final Identity identity;
  final LeadKit kit;

  PipelineRig(Dialect dialect, String owner) {
    String prefix = TestDatabases.emptySchema(dialect, owner);
    probe = new ProbeDataSource(TestDatabases.dataSource(dialect));
    stores = JdbcStores.builder(probe).dialect(dialect).tablePrefix(prefix).build();
    scoring = ScoringPlugin.builder().model(ScoringModel.custom("engagement")
        .behaviour("pricing", PRICING, 3)
        .behaviour("any-page", TouchpointFilter.of(TouchpointType.PAGE_VIEW), 1)
        .threshold(Threshold.at(5).setsStage(LifecycleStage.MQL))
        .build()).build();
    segments = SegmentsPlugin.builder().build();
    journeys = Journeys.builder().build();
    identity = Identity.custom().suppressionPepper(new byte[32]).build();
    kit = LeadKit.builder().clock(clock).stores(stores).mailer(mailer).install(identity)
        .install(scoring).install(segments).install(journeys).build();
    segments.define(SegmentDefinition.of(VIEWERS.value(), "Viewed pricing in 30 days",
        Predicates.touchpoints(PRICING).inLast(Duration.ofDays(30)).atLeast(1)));
    segments.define(SegmentDefinition.of(ENGAGED.value(), "Engaged",
        Predicates.score("engagement").atLeast(5)));
    journeys.publish(Journey.builder("pricing-follow-up")
        .trigger(Trigger.segmentEntered(VIEWERS))
        .send("mail", "tpl-pricing")
        .build());
  }

  Lead lead(String email) {
    return kit.upsertLead(LeadInput.email(email)
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead();
  }

  Touchpoint pricingView(LeadId lead, String id) {
    return Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, clock.instant()).id(id)
        .url("/pricing").build();
  }

  /**
   * What the engine holds about {@code lead}, with its id and address taken out, so that two
   * leads that went through the same inputs compare equal.
   */
  String stateOf(LeadId lead) {
    Lead l = kit.require(lead);
    Set<String> segs = new TreeSet<>();
    segments.segmentsOf(lead).forEach(s -> segs.add(s.value()));
    List<String> enrolments = journeys.enrolments(lead).stream()
        .map(e -> e.journey().value() + "/" + e.status()).sorted().toList();
    List<String> outbox = stores.outbox().findByLead(lead).stream()
        .map(OutboxEntry::message).map(m -> m.template() + "@" + m.notBefore()).sorted().toList();
    List<String> touches = kit.touchpointLog().findByLead(lead, TouchpointQuery.all()).stream()
        .map(t -> t.id().value() + " " + t.type() + " " + t.at()).sorted().toList();
    return "version=" + l.version() + " stage=" + l.stage() + " scores=" + l.scores()
        + " attributes=" + l.attributes() + " consents=" + l.consents().keySet()
        + " segments=" + segs + " enrolments=" + enrolments + " outbox=" + outbox
        + " touchpoints=" + touches.size();
  }

  static String enrolmentText(Enrolment e) {
    return e.journey().value() + "/" + e.status();
  }
}
