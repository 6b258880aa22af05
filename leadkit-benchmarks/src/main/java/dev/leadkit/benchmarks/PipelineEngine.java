package dev.leadkit.benchmarks;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.UpsertResult;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.jdbc.JdbcStores;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.Trigger;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringPlugin;
import dev.leadkit.scoring.Threshold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * P8's leadkit side: an engine on JDBC built the way a host builds it ({@code stores(..)},
 * {@code mailer(..)}, {@code install(..)} of scoring, segments and journeys), with one scoring
 * model (a pricing-page rule worth 3, any page view worth 1, a threshold at 5 that sets the stage
 * to MQL), two segments ("viewed /pricing in 30 days", a behaviour segment; "engagement score at
 * least 5", a score segment) and one journey that starts when a lead enters the behaviour segment
 * and sends one mail. The same engine as {@code PipelineRig} in leadkit-jdbc's tests.
 */
final class PipelineEngine {
  static final String PRICING_URL = "/pricing";
  static final TouchpointFilter PRICING =
      TouchpointFilter.of(TouchpointType.PAGE_VIEW).url(PRICING_URL);
  static final SegmentId VIEWERS = SegmentId.of("pricing-viewers");
  static final SegmentId ENGAGED = SegmentId.of("engaged");

  final ManualClock clock = ManualClock.at(Data.T0);
  final RecordingMailer mailer = new RecordingMailer();
  final JdbcStores stores;
  final LeadKit kit;

  PipelineEngine(DataSource ds, String prefix) {
    stores = JdbcStores.builder(ds).tablePrefix(prefix).installSchema().build();
    ScoringPlugin scoring = ScoringPlugin.builder().model(ScoringModel.custom("engagement")
        .behaviour("pricing", PRICING, 3)
        .behaviour("any-page", TouchpointFilter.of(TouchpointType.PAGE_VIEW), 1)
        .threshold(Threshold.at(5).setsStage(LifecycleStage.MQL))
        .build()).build();
    SegmentsPlugin segments = SegmentsPlugin.builder().build();
    Journeys journeys = Journeys.builder().build();
    kit = LeadKit.builder().clock(clock).stores(stores).mailer(mailer).install(scoring)
        .install(segments).install(journeys).build();
    segments.define(SegmentDefinition.of(VIEWERS.value(), "Viewed pricing in 30 days",
        Predicates.touchpoints(PRICING).inLast(Duration.ofDays(30)).atLeast(1)));
    segments.define(SegmentDefinition.of(ENGAGED.value(), "Engaged",
        Predicates.score("engagement").atLeast(5)));
    journeys.publish(Journey.builder("pricing-follow-up")
        .trigger(Trigger.segmentEntered(VIEWERS))
        .send("mail", "tpl-pricing")
        .build());
  }

  /** Creates {@code n} subscribed leads through the engine, 500 per unit of work. */
  LeadId[] createLeads(int n) {
    List<LeadId> ids = new ArrayList<>(n);
    List<LeadInput> chunk = new ArrayList<>(500);
    for (int i = 0; i < n; i++) {
      chunk.add(LeadInput.email("lead-" + i + "@example.test")
          .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build());
      if (chunk.size() == 500 || i == n - 1) {
        for (UpsertResult r : kit.upsertLeads(chunk)) {
          ids.add(r.lead().id());
        }
        chunk.clear();
      }
    }
    return ids.toArray(new LeadId[0]);
  }

  /** The {@code n}-th page view of the stream: a view of /pricing with a unique id. */
  Touchpoint view(LeadId lead, long n) {
    return Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, clock.instant()).id("p8-" + n)
        .url(PRICING_URL).build();
  }
}
