package dev.leadkit.examples;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;

/**
 * Seeds 000, 002 and 004: segments written in the text form of the predicate language, kept
 * current as touchpoints arrive and as time passes, with explanations.
 */
final class SegmentsScenario implements Scenario {
  @Override
  public String name() {
    return "segments";
  }

  @Override
  public String title() {
    return "Behaviour segments: enter on the 5th ERP page view, explain, leave when the window closes";
  }

  @Override
  public void run(DemoEnv env, Report out) {
    SegmentsPlugin segments = env.segments();
    LeadKit kit = env.register(env.kitBuilder().install(segments).build());
    segments.onEntered(e -> out.event("  + %s entered %s at %s (%s)",
        kit.require(e.lead()).email(), e.segment(), Report.time(e.at()), e.cause()));
    segments.onExited(e -> out.event("  - %s left %s at %s (%s)",
        kit.require(e.lead()).email(), e.segment(), Report.time(e.at()), e.cause()));

    LeadId tanaka = kit.upsertLead(LeadInput.email("ken.tanaka@tanaka-seiko.example")
        .attribute(AttributeKey.INDUSTRY, "manufacturing").build()).lead().id();
    LeadId ito = kit.upsertLead(LeadInput.email("mika.ito@ito-butsuryu.example")
        .attribute(AttributeKey.INDUSTRY, "logistics").build()).lead().id();

    String[][] defs = {
        {"erp-interest", "Viewed 5+ ERP pages in 3 months",
            "count(page_view where url ~ \"/products/erp/**\", last 90d) >= 5"},
        {"erp-mfg", "ERP interest in manufacturing or IT",
            "in segment \"erp-interest\" and industry in (\"manufacturing\", \"it\")"},
        {"idle-60", "No activity for 60 days", "count(any, last 60d) = 0"}};
    for (String[] d : defs) {
      segments.define(SegmentDefinition.parse(d[0], d[1], d[2]));
      out.line("Defined %-12s %s", d[0], d[2]);
    }

    out.line("Both leads read five ERP pages, one a day (times in %s):", Report.ZONE);
    for (int i = 0; i < 5; i++) {
      for (LeadId lead : new LeadId[] {tanaka, ito}) {
        kit.track(Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, env.clock.instant())
            .url("https://www.example.co.jp/products/erp/page-" + i).build());
      }
      env.clock.advance(Duration.ofDays(1));
    }
    out.flushEvents();
    out.line("Why is Ito not in erp-mfg?");
    for (String line : segments.explain(SegmentId.of("erp-mfg"), ito).render().split("\n")) {
      out.line("  %s", line);
    }
    Report.Table t = out.table("Segment", "Members");
    for (String[] d : defs) {
      t.row(d[0], segments.count(SegmentId.of(d[0])));
    }
    t.print();

    out.line("Nobody visits for 90 days; runDue moves the leads out as the windows close:");
    for (int week = 0; week < 13; week++) {
      env.clock.advance(Duration.ofDays(7));
      kit.runDue();
    }
    Report.Table after = out.table("Segment", "Members");
    for (String[] d : defs) {
      after.row(d[0], segments.count(SegmentId.of(d[0])));
    }
    after.print();
  }
}
