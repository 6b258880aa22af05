package dev.leadkit.core.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.json.InvalidJsonException;
import dev.leadkit.core.json.LeadkitJson;
import dev.leadkit.core.lead.LifecycleStage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON forms of the measurement results, written and read with explicit tree code. Derived
 * values (rates, {@code delivered}, {@code reach}) are written for consumers and ignored when
 * reading, since they follow from the counts. Times are ISO-8601 instants, durations ISO-8601
 * durations ({@code "PT156H"}), money plain decimals; an absent optional value is {@code null}.
 *
 * <pre>{@code
 * rate:        {"numerator": 1, "denominator": 6, "value": 0.16666666666666666}   (value null if 0/0)
 * period:      {"from": "2026-04-01T00:00:00Z", "to": "2026-05-01T00:00:00Z"}
 * mail:        {"group": [..], "sent", "bounced", "delivered", "opened", "clicked",
 *               "unsubscribed", "converted", "rates": {"open", "click", "unsubscribe",
 *               "bounce", "conversion"}}
 * kpis:        {"v": 1, "kind": "kpis", "period", "reach", "activeLeads", "anonymousVisitors",
 *               "newLeads", "inquiries", "appointments", "opportunities", "wins", "losses",
 *               "downloads", "downloaders", "subscribers": {..}, "mail", "landingPages":
 *               {"viewers", "converted"}, "rates": {"conversion", "inquiry", "appointment",
 *               "opportunity", "win", "open", "click", "unsubscribe", "bounce",
 *               "mailConversion", "landingPageConversion"}}
 * funnel:      {"v": 1, "kind": "funnel", "period", "asOf", "anonymousVisitors",
 *               "total": [step], "groups": {"web": [step]}}
 *              step: {"stage": "MQL", "count": 2, "fromPrevious": rate, "fromTop": rate}
 * velocity:    {"from": "MQL", "to": "SQL", "moves": 1, "mean": "PT48H", "median": "PT48H"}
 * pipeline:    {"openOpportunities", "winRate", "averageDealValue", "salesCycle", "perDay"}
 * programs:    {"v": 1, "kind": "programs", "period", "attribution": {"goal", "window"},
 *               "byJourney": [row], "byStep": [row], "byTemplate": [row]}
 *              row: {"key": [..], "mail": mail, "exitsByReason": {"unsubscribed": 1}}
 * }</pre>
 *
 * <p>Reading is strict: a missing field or wrong shape throws {@link InvalidJsonException} naming
 * the field.
 */
public final class MeasurementJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private MeasurementJson() {}

  /** Compact JSON text of any result tree written here. */
  public static String text(JsonNode node) {
    return LeadkitJson.write(node);
  }

  // ------------------------------------------------------------------ parts

  /** The JSON form of a rate. */
  public static ObjectNode rate(Rate r) {
    ObjectNode n = F.objectNode();
    n.put("numerator", r.numerator());
    n.put("denominator", r.denominator());
    if (r.defined()) {
      n.put("value", r.value());
    } else {
      n.putNull("value");
    }
    return n;
  }

  /** Reads a rate. */
  public static Rate rate(JsonNode n, String where) {
    return guard(where, () -> Rate.of(num(n, "numerator", where), num(n, "denominator", where)));
  }

  /** The JSON form of a period. */
  public static ObjectNode period(ReportPeriod p) {
    ObjectNode n = F.objectNode();
    n.put("from", p.from().toString());
    n.put("to", p.to().toString());
    return n;
  }

  /** Reads a period. */
  public static ReportPeriod period(JsonNode n, String where) {
    return guard(where, () -> ReportPeriod.of(instant(n, "from", where),
        instant(n, "to", where)));
  }

  /** The JSON form of one group's message outcomes. */
  public static ObjectNode mail(MessageOutcome o) {
    ObjectNode n = F.objectNode();
    ArrayNode g = n.putArray("group");
    o.group().forEach(g::add);
    n.put("sent", o.sent());
    n.put("bounced", o.bounced());
    n.put("delivered", o.delivered());
    n.put("opened", o.opened());
    n.put("clicked", o.clicked());
    n.put("unsubscribed", o.unsubscribed());
    n.put("converted", o.converted());
    ObjectNode r = n.putObject("rates");
    r.set("open", rate(o.openRate()));
    r.set("click", rate(o.clickRate()));
    r.set("unsubscribe", rate(o.unsubscribeRate()));
    r.set("bounce", rate(o.bounceRate()));
    r.set("conversion", rate(o.conversionRate()));
    return n;
  }

  /** Reads one group's message outcomes. */
  public static MessageOutcome mail(JsonNode n, String where) {
    return guard(where, () -> new MessageOutcome(strings(field(n, "group", where),
        where + ".group"), num(n, "sent", where), num(n, "bounced", where),
        num(n, "opened", where), num(n, "clicked", where), num(n, "unsubscribed", where),
        num(n, "converted", where)));
  }

  // ------------------------------------------------------------------ KPIs

  /** The JSON form of a KPI report. */
  public static ObjectNode kpis(KpiReport k) {
    ObjectNode n = top("kpis");
    n.set("period", period(k.period()));
    n.put("reach", k.reach());
    n.put("activeLeads", k.activeLeads());
    n.put("anonymousVisitors", k.anonymousVisitors());
    n.put("newLeads", k.newLeads());
    n.put("inquiries", k.inquiries());
    n.put("appointments", k.appointments());
    n.put("opportunities", k.opportunities());
    n.put("wins", k.wins());
    n.put("losses", k.losses());
    n.put("downloads", k.downloads());
    n.put("downloaders", k.downloaders());
    ObjectNode s = n.putObject("subscribers");
    s.put("subscribedAtEnd", k.subscribers().subscribedAtEnd());
    s.put("newSubscribers", k.subscribers().newSubscribers());
    s.put("unsubscribed", k.subscribers().unsubscribed());
    n.set("mail", mail(k.mail()));
    ObjectNode lp = n.putObject("landingPages");
    lp.put("viewers", k.landingPages().viewers());
    lp.put("converted", k.landingPages().converted());
    ObjectNode r = n.putObject("rates");
    r.set("conversion", rate(k.conversionRate()));
    r.set("inquiry", rate(k.inquiryRate()));
    r.set("appointment", rate(k.appointmentRate()));
    r.set("opportunity", rate(k.opportunityRate()));
    r.set("win", rate(k.winRate()));
    r.set("open", rate(k.openRate()));
    r.set("click", rate(k.clickRate()));
    r.set("unsubscribe", rate(k.unsubscribeRate()));
    r.set("bounce", rate(k.bounceRate()));
    r.set("mailConversion", rate(k.mailConversionRate()));
    r.set("landingPageConversion", rate(k.landingPageConversionRate()));
    return n;
  }

  /** Reads a KPI report. */
  public static KpiReport kpis(JsonNode n) {
    checkTop(n, "kpis");
    JsonNode s = field(n, "subscribers", "kpis");
    JsonNode lp = field(n, "landingPages", "kpis");
    return guard("kpis", () -> new KpiReport(period(field(n, "period", "kpis"), "kpis.period"),
        num(n, "activeLeads", "kpis"), num(n, "anonymousVisitors", "kpis"),
        num(n, "newLeads", "kpis"), num(n, "inquiries", "kpis"), num(n, "appointments", "kpis"),
        num(n, "opportunities", "kpis"), num(n, "wins", "kpis"), num(n, "losses", "kpis"),
        num(n, "downloads", "kpis"), num(n, "downloaders", "kpis"),
        new SubscriberCounts(num(s, "subscribedAtEnd", "kpis.subscribers"),
            num(s, "newSubscribers", "kpis.subscribers"),
            num(s, "unsubscribed", "kpis.subscribers")),
        mail(field(n, "mail", "kpis"), "kpis.mail"),
        new PathConversion(num(lp, "viewers", "kpis.landingPages"),
            num(lp, "converted", "kpis.landingPages"))));
  }

  // ------------------------------------------------------------------ funnel

  /** The JSON form of a funnel. */
  public static ObjectNode funnel(Funnel f) {
    ObjectNode n = top("funnel");
    n.set("period", period(f.period()));
    n.put("asOf", f.asOf().toString());
    n.put("anonymousVisitors", f.anonymousVisitors());
    n.set("total", steps(f.total()));
    ObjectNode g = n.putObject("groups");
    f.groups().forEach((k, v) -> g.set(k, steps(v)));
    return n;
  }

  private static ArrayNode steps(List<FunnelStep> steps) {
    ArrayNode a = F.arrayNode();
    for (FunnelStep s : steps) {
      ObjectNode o = a.addObject();
      o.put("stage", s.stage().name());
      o.put("count", s.count());
      o.set("fromPrevious", rate(s.fromPrevious()));
      o.set("fromTop", rate(s.fromTop()));
    }
    return a;
  }

  private static List<FunnelStep> steps(JsonNode a, String where) {
    return list(a, where, (o, w) -> new FunnelStep(enumValue(FunnelStage.class, o, "stage", w),
        num(o, "count", w), rate(field(o, "fromPrevious", w), w + ".fromPrevious"),
        rate(field(o, "fromTop", w), w + ".fromTop")));
  }

  /** Reads a funnel. */
  public static Funnel funnel(JsonNode n) {
    checkTop(n, "funnel");
    JsonNode g = field(n, "groups", "funnel");
    Map<String, List<FunnelStep>> groups = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      groups.put(e.getKey(), steps(e.getValue(), "funnel.groups." + e.getKey()));
    }
    return guard("funnel", () -> new Funnel(period(field(n, "period", "funnel"),
        "funnel.period"), instant(n, "asOf", "funnel"), num(n, "anonymousVisitors", "funnel"),
        steps(field(n, "total", "funnel"), "funnel.total"), groups));
  }

  // ------------------------------------------------------------------ velocity

  /** The JSON form of a stage velocity. */
  public static ObjectNode velocity(StageVelocity v) {
    ObjectNode n = F.objectNode();
    n.put("from", v.from().name());
    n.put("to", v.to().name());
    n.put("moves", v.moves());
    putOptional(n, "mean", v.mean().map(Duration::toString));
    putOptional(n, "median", v.median().map(Duration::toString));
    return n;
  }

  /** Reads a stage velocity. */
  public static StageVelocity velocity(JsonNode n, String where) {
    return guard(where, () -> new StageVelocity(enumValue(LifecycleStage.class, n, "from", where),
        enumValue(LifecycleStage.class, n, "to", where), num(n, "moves", where),
        optionalText(n, "mean", where).map(Duration::parse),
        optionalText(n, "median", where).map(Duration::parse)));
  }

  /** The JSON form of a pipeline velocity. */
  public static ObjectNode pipeline(PipelineVelocity p) {
    ObjectNode n = F.objectNode();
    n.put("openOpportunities", p.openOpportunities());
    n.set("winRate", rate(p.winRate()));
    putDecimal(n, "averageDealValue", p.averageDealValue());
    putOptional(n, "salesCycle", p.salesCycle().map(Duration::toString));
    putDecimal(n, "perDay", p.perDay());
    return n;
  }

  /** Reads a pipeline velocity. */
  public static PipelineVelocity pipeline(JsonNode n, String where) {
    return guard(where, () -> new PipelineVelocity(num(n, "openOpportunities", where),
        rate(field(n, "winRate", where), where + ".winRate"),
        optionalDecimal(n, "averageDealValue", where),
        optionalText(n, "salesCycle", where).map(Duration::parse),
        optionalDecimal(n, "perDay", where)));
  }

  // ------------------------------------------------------------------ programs

  /** The JSON form of per journey, step and template performance. */
  public static ObjectNode programs(ProgramPerformance p) {
    ObjectNode n = top("programs");
    n.set("period", period(p.period()));
    ObjectNode a = n.putObject("attribution");
    a.put("goal", p.attribution().goal().name());
    a.put("window", p.attribution().window().toString());
    n.set("byJourney", rows(p.byJourney()));
    n.set("byStep", rows(p.byStep()));
    n.set("byTemplate", rows(p.byTemplate()));
    return n;
  }

  private static ArrayNode rows(List<ProgramRow> rows) {
    ArrayNode arr = F.arrayNode();
    for (ProgramRow r : rows) {
      ObjectNode o = arr.addObject();
      ArrayNode k = o.putArray("key");
      r.key().forEach(k::add);
      o.set("mail", mail(r.mail()));
      ObjectNode e = o.putObject("exitsByReason");
      r.exitsByReason().forEach(e::put);
    }
    return arr;
  }

  private static List<ProgramRow> rows(JsonNode a, String where) {
    return list(a, where, (o, w) -> {
      JsonNode e = field(o, "exitsByReason", w);
      Map<String, Long> exits = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> x = it.next();
        exits.put(x.getKey(), num(e, x.getKey(), w + ".exitsByReason"));
      }
      return new ProgramRow(strings(field(o, "key", w), w + ".key"),
          mail(field(o, "mail", w), w + ".mail"), exits);
    });
  }

  /** Reads per journey, step and template performance. */
  public static ProgramPerformance programs(JsonNode n) {
    checkTop(n, "programs");
    JsonNode a = field(n, "attribution", "programs");
    return guard("programs", () -> new ProgramPerformance(period(field(n, "period", "programs"),
        "programs.period"), new Attribution(enumValue(LifecycleStage.class, a, "goal",
            "programs.attribution"), Duration.parse(text(a, "window", "programs.attribution"))),
        rows(field(n, "byJourney", "programs"), "programs.byJourney"),
        rows(field(n, "byStep", "programs"), "programs.byStep"),
        rows(field(n, "byTemplate", "programs"), "programs.byTemplate")));
  }

  // ------------------------------------------------------------------ helpers

  private static ObjectNode top(String kind) {
    ObjectNode n = F.objectNode();
    n.put("v", LeadkitJson.VERSION);
    n.put("kind", kind);
    return n;
  }

  private static void checkTop(JsonNode n, String kind) {
    if (!n.isObject()) {
      throw new InvalidJsonException(kind + ": want an object, got " + n);
    }
    if (num(n, "v", kind) != LeadkitJson.VERSION) {
      throw new InvalidJsonException(kind + ".v: unsupported version " + n.get("v"));
    }
    String k = text(n, "kind", kind);
    if (!k.equals(kind)) {
      throw new InvalidJsonException(kind + ".kind: want \"" + kind + "\", got \"" + k + "\"");
    }
  }

  private static JsonNode field(JsonNode n, String name, String where) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new InvalidJsonException(where + "." + name + ": missing");
    }
    return v;
  }

  private static long num(JsonNode n, String name, String where) {
    JsonNode v = field(n, name, where);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new InvalidJsonException(where + "." + name + ": want an integer, got " + v);
    }
    return v.longValue();
  }

  private static String text(JsonNode n, String name, String where) {
    JsonNode v = field(n, name, where);
    if (!v.isTextual()) {
      throw new InvalidJsonException(where + "." + name + ": want a string, got " + v);
    }
    return v.textValue();
  }

  private static Optional<String> optionalText(JsonNode n, String name, String where) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(text(n, name, where));
  }

  private static Optional<BigDecimal> optionalDecimal(JsonNode n, String name, String where) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isNumber()) {
      throw new InvalidJsonException(where + "." + name + ": want a number, got " + v);
    }
    return Optional.of(v.decimalValue());
  }

  private static Instant instant(JsonNode n, String name, String where) {
    String t = text(n, name, where);
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw new InvalidJsonException(where + "." + name + ": bad instant \"" + t + "\"", e);
    }
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode n, String name,
      String where) {
    String t = text(n, name, where);
    try {
      return Enum.valueOf(type, t);
    } catch (IllegalArgumentException e) {
      throw new InvalidJsonException(where + "." + name + ": unknown value \"" + t + "\"", e);
    }
  }

  private static List<String> strings(JsonNode a, String where) {
    return list(a, where, (o, w) -> {
      if (!o.isTextual()) {
        throw new InvalidJsonException(w + ": want a string, got " + o);
      }
      return o.textValue();
    });
  }

  private interface Reader<T> {
    T read(JsonNode node, String where);
  }

  private static <T> List<T> list(JsonNode a, String where, Reader<T> reader) {
    if (!a.isArray()) {
      throw new InvalidJsonException(where + ": want an array, got " + a);
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(reader.read(a.get(i), where + "[" + i + "]"));
    }
    return out;
  }

  private static void putOptional(ObjectNode n, String name, Optional<String> v) {
    if (v.isPresent()) {
      n.put(name, v.get());
    } else {
      n.putNull(name);
    }
  }

  private static void putDecimal(ObjectNode n, String name, Optional<BigDecimal> v) {
    if (v.isPresent()) {
      n.put(name, v.get());
    } else {
      n.putNull(name);
    }
  }

  private interface Build<T> {
    T get();
  }

  /** Turns a validation failure of the values read into an error naming where. */
  private static <T> T guard(String where, Build<T> build) {
    try {
      return build.get();
    } catch (InvalidJsonException e) {
      throw e;
    } catch (InvalidValueException | DateTimeParseException e) {
      throw new InvalidJsonException(where + ": " + e.getMessage(), e);
    }
  }

}
