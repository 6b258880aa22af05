package dev.leadkit.console;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.UnknownLeadException;
import dev.leadkit.core.internal.Args;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.StageChange;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.journey.Enrolment;
import dev.leadkit.journey.Journeys;
import dev.leadkit.scoring.CompiledModel;
import dev.leadkit.scoring.ScoreExplanation;
import dev.leadkit.scoring.ScoringPlugin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lead's history as one standalone HTML page with an inline SVG timeline: touchpoints,
 * stage changes, score over time with the rule contributions, segment memberships, journey
 * enrolments with their steps and exits, and messages with their outbox state; then the "why":
 * each scoring model's explanation and each segment's evaluation for the lead.
 *
 * <p>It reads what the engine's stores keep: the touchpoint log, the lead record, the outbox,
 * and the installed scoring, segments and journeys plugins (each section appears when its plugin
 * is installed). Segment exits and past journey steps that sent nothing are not stored, so the
 * timeline shows current memberships (since when) and each enrolment's current or last step.
 *
 * <pre>{@code
 * String html = LeadTimeline.html(kit, lead.id(), View.japan());
 * }</pre>
 */
public final class LeadTimeline {
  private static final int MAX_TOUCHPOINTS = 2_000;

  private LeadTimeline() {}

  /**
   * The timeline as a standalone HTML page.
   *
   * @param kit the engine
   * @param lead the lead
   * @param view the viewer's zone, locale and currency
   * @return a UTF-8 HTML page (polyglot XHTML: also well-formed XML)
   * @throws InvalidValueException if an argument is null
   * @throws UnknownLeadException if there is no such lead
   */
  public static String html(LeadKit kit, LeadId lead, View view) {
    Args.notNull(view, "view");
    String body = body(kit, lead, view, "");
    return Html.page(view, "Lead timeline", "", body);
  }

  /** One row of the history table. */
  private record Item(Instant at, String lane, String what, String detail) {}

  static String displayName(Lead l) {
    String first = l.attributes().text(AttributeKey.FIRST_NAME).orElse("");
    String last = l.attributes().text(AttributeKey.LAST_NAME).orElse("");
    String name = (last + " " + first).trim();
    return name.isEmpty() ? l.email().value() : name + " <" + l.email().value() + ">";
  }

  /** The page's content, for the console; {@code journeyLink} prefixes journey links if set. */
  static String body(LeadKit kit, LeadId leadId, View view, String journeyLink) {
    Args.notNull(kit, "kit");
    Args.notNull(leadId, "lead");
    Args.notNull(view, "view");
    Lead lead = kit.require(leadId);
    Instant now = kit.clock().instant();
    Html h = new Html(view);
    List<Touchpoint> tps = kit.touchpointLog().findByLead(leadId, TouchpointQuery.all());
    if (tps.size() > MAX_TOUCHPOINTS) {
      tps = tps.subList(tps.size() - MAX_TOUCHPOINTS, tps.size());
    }
    Optional<ScoringPlugin> scoring = kit.plugin(ScoringPlugin.class);
    Optional<SegmentsPlugin> segments = kit.plugin(SegmentsPlugin.class);
    Optional<Journeys> journeys = kit.plugin(Journeys.class);
    List<ScoreExplanation> scores = new ArrayList<>();
    scoring.ifPresent(s -> {
      for (CompiledModel m : s.models()) {
        scores.add(s.explain(leadId, m.model().name()));
      }
    });
    Map<TouchpointId, List<String>> points = new HashMap<>();
    for (ScoreExplanation e : scores) {
      for (ScoreExplanation.Contribution c : e.contributions()) {
        points.computeIfAbsent(c.touchpoint(), k -> new ArrayList<>()).add(signed(h, c.given())
            + " " + e.model() + " (" + c.rule() + c.cap().map(x -> ", cap " + x).orElse("")
            + ")");
      }
    }
    List<Enrolment> enrolments = journeys.map(j -> j.enrolments(leadId)).orElse(List.of());
    List<OutboxEntry> messages = kit.outbox().findByLead(leadId);
    Map<String, Instant> memberships = new java.util.TreeMap<>();
    segments.ifPresent(s -> {
      for (SegmentDefinition d : s.definitions()) {
        s.membershipStore().memberSince(d.id(), leadId).ifPresent(
            at -> memberships.put(d.name() + " (" + d.id().value() + ")", at));
      }
    });

    List<Item> items = new ArrayList<>();
    for (Touchpoint t : tps) {
      List<String> detail = new ArrayList<>();
      for (PropertyKey k : List.of(PropertyKey.URL, PropertyKey.JOURNEY, PropertyKey.STEP,
          PropertyKey.TEMPLATE, PropertyKey.REASON, PropertyKey.FORM, PropertyKey.ASSET,
          PropertyKey.AMOUNT)) {
        t.property(k).ifPresent(v -> detail.add(k.name() + ": " + v));
      }
      points.getOrDefault(t.id(), List.of()).forEach(p -> detail.add("score " + p));
      items.add(new Item(t.at(), "touchpoint", t.type().name() + " (" + t.channel().name() + ")",
          String.join(" · ", detail)));
    }
    for (StageChange c : lead.stageHistory()) {
      items.add(new Item(c.at(), "stage", c.from() + " → " + c.to(), c.reason()));
    }
    for (Enrolment e : enrolments) {
      items.add(new Item(e.enrolledAt(), "journey", "entered " + e.journey().value() + " v"
          + e.version(), "source: " + e.source()));
      String where = e.step().map(s -> "step " + s.value()).orElse("not started");
      if (e.exitedAt().isPresent()) {
        items.add(new Item(e.exitedAt().get(), "journey", "left " + e.journey().value(),
            "reason: " + e.exitReason().map(r -> r.code()).orElse("–") + " · last " + where
            + " · " + h.num(e.messages()) + " message(s)"));
      } else {
        items.add(new Item(e.stepEnteredAt(), "journey", "at " + where + " in "
            + e.journey().value(), e.status() + " · " + h.num(e.messages()) + " message(s)"));
      }
    }
    for (OutboxEntry m : messages) {
      String journey = m.message().data().getOrDefault("journey", "");
      items.add(new Item(m.enqueuedAt(), "message", m.message().template() + " ("
          + m.message().channel().name() + ")", m.status()
          + m.reason().map(r -> ": " + r).orElse("") + (journey.isEmpty() ? "" : " · journey "
          + journey) + m.finishedAt().map(f -> " · finished " + h.dateTime(f)).orElse("")));
    }
    memberships.forEach((name, at) -> items.add(new Item(at, "segment", "member of " + name,
        "")));
    items.sort(Comparator.comparing(Item::at));

    h.tag("h1", displayName(lead));
    List<List<?>> facts = new ArrayList<>();
    facts.add(List.of("e-mail", lead.email().value()));
    lead.attributes().text(AttributeKey.COMPANY).ifPresent(c -> facts.add(List.of("company",
        c)));
    facts.add(List.of("stage", lead.stage().toString()));
    facts.add(List.of("owner", lead.owner().map(o -> o.value()).orElse("–")));
    facts.add(List.of("created", h.dateTime(lead.createdAt())));
    lead.scores().forEach((model, s) -> facts.add(List.of("score " + model, h.dec(s.value())
        + s.band().map(b -> " (band " + b + ")").orElse("") + " as of "
        + h.dateTime(s.asOf()))));
    facts.add(List.of("lead id", lead.id().value()));
    h.table(List.of("", ""), facts);

    h.tag("h2", "Timeline");
    h.raw(chart(h, lead, items, scores, enrolments, memberships, now));
    h.note("Score line: fit points plus each rule's points as given, without decay; the last "
        + "point is the score now, after decay.");

    h.tag("h2", "History");
    List<List<?>> rows = new ArrayList<>();
    for (Item i : items) {
      rows.add(List.of(h.dateTime(i.at()), i.lane(), i.what(), i.detail()));
    }
    h.table(List.of("when", "what", "", "details"), rows);

    if (!scores.isEmpty()) {
      h.tag("h2", "Why this score");
      for (ScoreExplanation e : scores) {
        h.tag("h3", e.model() + " v" + e.version() + ": " + h.dec(e.value())
            + e.band().map(b -> " (band " + b + ")").orElse("") + " = fit " + h.dec(e.fitPoints())
            + " + behaviour " + h.dec(e.positive()) + " + negative " + h.dec(e.negative()));
        List<List<?>> fit = new ArrayList<>();
        for (ScoreExplanation.FitContribution f : e.fit()) {
          fit.add(List.of(f.rule(), f.condition(), f.holds() ? "yes" : "no", h.dec(f.points())));
        }
        if (!fit.isEmpty()) {
          h.table(List.of("fit rule", "condition", "holds", "points"), fit);
        }
        List<List<?>> contrib = new ArrayList<>();
        for (ScoreExplanation.Contribution c : e.contributions()) {
          contrib.add(List.of(h.dateTime(c.touchedAt()), c.rule(), signed(h, c.given()),
              c.cap().orElse("–"), h.dec(c.decayFactor() * 100) + " %", h.dec(c.current())));
        }
        if (!contrib.isEmpty()) {
          h.table(List.of("when", "behaviour rule", "given", "cap", "left after decay", "now"),
              contrib);
        }
      }
    }
    segments.ifPresent(s -> {
      h.tag("h2", "Why in (or not in) each segment");
      for (SegmentDefinition d : s.definitions()) {
        boolean member = s.isMember(d.id(), leadId);
        h.raw("<h3>").text(d.name() + " (" + d.id().value() + "): ")
            .raw(member ? "<span class=\"ok\">member</span>" : "<span class=\"no\">not a member"
                + "</span>").raw("</h3>\n");
        h.raw("<pre>").text(s.explain(d.id(), leadId).render()).raw("</pre>\n");
      }
    });
    if (!journeyLink.isEmpty() && !enrolments.isEmpty()) {
      h.raw("<p>Journeys: ");
      for (Enrolment e : enrolments) {
        h.raw(Html.link(journeyLink + e.journey().value(), e.journey().value()).markup())
            .raw(" ");
      }
      h.raw("</p>\n");
    }
    return h.sb.toString();
  }

  private static String signed(Html h, double d) {
    return (d >= 0 ? "+" : "") + h.dec(d);
  }

  // ------------------------------------------------------------------ the chart

  private static final String[] LANES = {"touchpoint", "message", "stage", "journey",
      "segment"};

  private static String chart(Html h, Lead lead, List<Item> items, List<ScoreExplanation> scores,
      List<Enrolment> enrolments, Map<String, Instant> memberships, Instant now) {
    int left = 110;
    int width = 980;
    int plotW = width - left - 30;
    int laneH = 34;
    int scoreH = scores.isEmpty() ? 0 : 150;
    int top = 10;
    int height = top + LANES.length * laneH + scoreH + 40;
    Instant from = lead.createdAt();
    Instant to = now;
    for (Item i : items) {
      from = i.at().isBefore(from) ? i.at() : from;
      to = i.at().isAfter(to) ? i.at() : to;
    }
    long span = Math.max(Duration.between(from, to).toMillis(), 60_000);
    Instant start = from.minusMillis(span / 40);
    long total = span + span / 20;
    java.util.function.ToDoubleFunction<Instant> xOf = at -> left
        + plotW * (Duration.between(start, at).toMillis() / (double) total);
    StringBuilder s = Svg.open(width, height, "Timeline of " + displayName(lead));
    for (int l = 0; l < LANES.length; l++) {
      double y = top + l * laneH;
      Svg.rect(s, left, y + 2, plotW, laneH - 4, l % 2 == 0 ? "#f3f6f9" : "#fafbfc", "");
      Svg.text(s, left - 8, y + laneH / 2.0 + 4, 12, "end", "#1d2733", LANES[l]);
    }
    for (Enrolment e : enrolments) {
      double y = top + 3 * laneH;
      double x1 = xOf.applyAsDouble(e.enrolledAt());
      double x2 = xOf.applyAsDouble(e.exitedAt().orElse(now));
      Svg.rect(s, x1, y + 8, Math.max(x2 - x1, 2), laneH - 16, "#9cc3e6", e.journey().value()
          + " v" + e.version() + ": " + h.dateTime(e.enrolledAt()) + " – "
          + e.exitedAt().map(h::dateTime).orElse("now") + e.exitReason().map(r -> " ("
          + r.code() + ")").orElse(""));
    }
    memberships.forEach((name, at) -> {
      double y = top + 4 * laneH;
      double x1 = xOf.applyAsDouble(at);
      Svg.rect(s, x1, y + 8, Math.max(xOf.applyAsDouble(now) - x1, 2), laneH - 16, "#b9e0c5",
          name + " since " + h.dateTime(at));
    });
    for (Item i : items) {
      int lane = java.util.Arrays.asList(LANES).indexOf(i.lane());
      if (lane < 0 || lane == 4) {
        continue;
      }
      double y = top + lane * laneH + laneH / 2.0;
      String color = lane == 0 ? Svg.BLUE : lane == 1 ? Svg.ORANGE : lane == 2 ? Svg.GREEN
          : "#24364b";
      s.append("<circle cx=\"").append(Svg.f(xOf.applyAsDouble(i.at()))).append("\" cy=\"")
          .append(Svg.f(y)).append("\" r=\"5\" fill=\"").append(color)
          .append("\" fill-opacity=\"0.8\"><title>")
          .append(Html.esc(h.dateTime(i.at()) + " " + i.what()
              + (i.detail().isEmpty() ? "" : " · " + i.detail())))
          .append("</title></circle>\n");
    }
    double axisY = top + LANES.length * laneH + 14;
    for (int k = 0; k <= 4; k++) {
      Instant at = start.plusMillis(total * k / 4);
      double x = xOf.applyAsDouble(at);
      s.append("<line x1=\"").append(Svg.f(x)).append("\" y1=\"").append(top)
          .append("\" x2=\"").append(Svg.f(x)).append("\" y2=\"").append(Svg.f(axisY - 10))
          .append("\" stroke=\"#d5dbe1\"/>\n");
      Svg.text(s, x, axisY, 11, "middle", "#5b6773", h.date(at));
    }
    if (!scores.isEmpty()) {
      double y0 = axisY + 20;
      double plotH = scoreH - 30;
      double max = 1;
      List<List<double[]>> series = new ArrayList<>();
      for (ScoreExplanation e : scores) {
        List<double[]> pts = new ArrayList<>();
        double v = e.fitPoints();
        pts.add(new double[] {xOf.applyAsDouble(lead.createdAt()), v});
        for (ScoreExplanation.Contribution c : e.contributions()) {
          v += c.given();
          pts.add(new double[] {xOf.applyAsDouble(c.touchedAt()), v});
        }
        pts.add(new double[] {xOf.applyAsDouble(now), e.value()});
        for (double[] p : pts) {
          max = Math.max(max, Math.abs(p[1]));
        }
        series.add(pts);
      }
      Svg.rect(s, left, y0, plotW, plotH, "#fafbfc", "");
      Svg.text(s, left - 8, y0 + 12, 11, "end", "#5b6773", h.dec(max));
      Svg.text(s, left - 8, y0 + plotH, 11, "end", "#5b6773", h.dec(0));
      String[] colors = {"#7b4fc9", Svg.ORANGE, Svg.GREEN, Svg.BLUE};
      for (int i = 0; i < series.size(); i++) {
        StringBuilder d = new StringBuilder();
        double lastY = 0;
        for (double[] p : series.get(i)) {
          double y = y0 + plotH - plotH * Svg.clamp(p[1] / max);
          d.append(d.length() == 0 ? "M " : (" L " + Svg.f(p[0]) + " " + Svg.f(lastY) + " L "))
              .append(Svg.f(p[0])).append(' ').append(Svg.f(y));
          lastY = y;
        }
        String color = colors[i % colors.length];
        s.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(color)
            .append("\" stroke-width=\"2\"><title>")
            .append(Html.esc("score " + scores.get(i).model() + " now "
                + h.dec(scores.get(i).value())))
            .append("</title></path>\n");
        Svg.text(s, left + 6, y0 + 14 + 14 * i, 11, "start", color, "score "
            + scores.get(i).model() + ": " + h.dec(scores.get(i).value()));
      }
    }
    return s.append("</svg>\n").toString();
  }
}
