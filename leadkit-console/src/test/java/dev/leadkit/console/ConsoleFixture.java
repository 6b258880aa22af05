package dev.leadkit.console;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.Trigger;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringPlugin;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** An engine with scoring, segments and a journey, and leads with hostile names. */
final class ConsoleFixture {
  static final String HOSTILE = "<script>alert(\"x\")</script> & 'q'";

  final ManualClock clock = ManualClock.at("2025-11-01T00:00:00Z");
  final RecordingMailer mailer = new RecordingMailer();
  final ScoringPlugin scoring = ScoringPlugin.builder().model(ScoringModel.custom("engagement")
      .behaviour("view", TouchpointFilter.of(TouchpointType.PAGE_VIEW), 3)
      .behaviour("download", TouchpointFilter.of(TouchpointType.ASSET_DOWNLOADED), 5)
      .build()).build();
  final SegmentsPlugin segments = SegmentsPlugin.builder().build();
  final Journeys journeys = Journeys.builder().build();
  final LeadKit kit = LeadKit.builder().clock(clock).mailer(mailer)
      .stores(dev.leadkit.core.memory.InMemory.stores()).install(scoring)
      .install(segments).install(journeys).build();
  final List<LeadId> leads = new ArrayList<>();
  final Journey welcome = Journey.builder("welcome")
      .name("Welcome " + HOSTILE)
      .trigger(Trigger.touchpoint(TouchpointFilter.of(TouchpointType.FORM_SUBMITTED)))
      .send("w1", "tpl-welcome-1")
      .wait("pause", Duration.ofDays(2))
      .send("w2", "tpl-<welcome-2>")
      .build();

  ConsoleFixture() {
    segments.define(SegmentDefinition.parse("engaged", "Engaged " + HOSTILE,
        "count(page_view, last 30d) >= 2"));
    journeys.publish(welcome);
    for (int i = 0; i < 12; i++) {
      String source = i % 3 == 0 ? HOSTILE : i % 3 == 1 ? "expo" : "web";
      LeadId id = kit.upsertLead(LeadInput.email("lead" + i + "@example.co.jp")
          .attribute(AttributeKey.FIRST_NAME, i == 0 ? HOSTILE : "Taro" + i)
          .attribute(AttributeKey.LAST_NAME, "Yamada")
          .attribute(AttributeKey.COMPANY, i == 0 ? "ACME \"<b>\"" : "Example KK")
          .attribute(AttributeKey.SOURCE, source)
          .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead().id();
      leads.add(id);
      clock.advance(Duration.ofHours(1));
      kit.track(Touchpoint.forLead(id, TouchpointType.FORM_SUBMITTED, clock.instant())
          .property(PropertyKey.FORM, "signup").build());
      for (int v = 0; v < 1 + i % 3; v++) {
        kit.track(Touchpoint.forLead(id, TouchpointType.PAGE_VIEW, clock.instant())
            .url("/p/" + v + "?<x>").build());
      }
      if (i % 2 == 0) {
        kit.track(Touchpoint.forLead(id, TouchpointType.ASSET_DOWNLOADED, clock.instant())
            .property(PropertyKey.ASSET, "guide").build());
      }
      if (i % 4 == 0) {
        kit.changeStage(id, LifecycleStage.MQL, "test");
      }
    }
    kit.runDue();
    for (int h = 0; h < 60; h++) {
      clock.advance(Duration.ofHours(1));
      kit.runDue();
    }
  }

  static Document xml(String text) {
    try {
      DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
      dbf.setNamespaceAware(true);
      dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
      dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      return dbf.newDocumentBuilder().parse(new ByteArrayInputStream(
          text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("not well-formed: " + e + "\n" + text, e);
    }
  }

  /** Every element of {@code d}'s HTML or SVG namespace called {@code local}. */
  static List<String> texts(Document d, String local) {
    List<String> out = new ArrayList<>();
    var nl = d.getElementsByTagNameNS("*", local);
    for (int i = 0; i < nl.getLength(); i++) {
      out.add(nl.item(i).getTextContent());
    }
    return out;
  }
}
