package dev.leadkit.core.memory;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.StageChange;
import dev.leadkit.core.measure.AmountTotal;
import dev.leadkit.core.measure.AssetConversion;
import dev.leadkit.core.measure.Attribution;
import dev.leadkit.core.measure.LandingPages;
import dev.leadkit.core.measure.LeadActivity;
import dev.leadkit.core.measure.LeadGrouping;
import dev.leadkit.core.measure.MeasurementSource;
import dev.leadkit.core.measure.MessageOutcome;
import dev.leadkit.core.measure.PathConversion;
import dev.leadkit.core.measure.ReportPeriod;
import dev.leadkit.core.measure.StageCount;
import dev.leadkit.core.measure.SubscriberCounts;
import dev.leadkit.core.measure.TouchpointCount;
import dev.leadkit.core.measure.TouchpointFilter;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Answers the measurement queries by scanning the lead store page by page and reading each
 * lead's touchpoints. Anonymous visitors come from the in-memory log's visitor index.
 */
final class InMemoryMeasurementSource implements MeasurementSource {
  private static final int PAGE = 1000;
  private static final Comparator<List<String>> GROUP_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };
  private static final Set<TouchpointType> MAIL_TYPES = Set.of(TouchpointType.EMAIL_SENT,
      TouchpointType.EMAIL_OPENED, TouchpointType.EMAIL_CLICKED, TouchpointType.EMAIL_BOUNCED,
      TouchpointType.EMAIL_UNSUBSCRIBED);

  private final LeadStore leads;
  private final TouchpointLog touchpoints;

  InMemoryMeasurementSource(LeadStore leads, TouchpointLog touchpoints) {
    if (leads == null || touchpoints == null) {
      throw new InvalidValueException("measurement source needs a lead store and a log");
    }
    this.leads = leads;
    this.touchpoints = touchpoints;
  }

  private void forEachLead(Consumer<Lead> action) {
    LeadId after = null;
    while (true) {
      List<Lead> page = leads.page(after, PAGE);
      for (Lead l : page) {
        action.accept(l);
      }
      if (page.size() < PAGE) {
        return;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  private void forEachAnonymous(java.util.function.BiConsumer<String, List<Touchpoint>> action) {
    if (touchpoints instanceof InMemoryTouchpointLog log) {
      log.forEachAnonymous((v, list) -> action.accept(v.value(), list));
    }
  }

  private static List<String> groupValues(Touchpoint t, List<PropertyKey> keys) {
    List<String> g = new ArrayList<>(keys.size());
    for (PropertyKey k : keys) {
      g.add(t.properties().getOrDefault(k, LeadGrouping.MISSING));
    }
    return g;
  }

  private static List<String> groupValues(Lead l, List<AttributeKey> keys) {
    List<String> g = new ArrayList<>(keys.size());
    for (AttributeKey k : keys) {
      g.add(l.attributes().text(k).orElse(LeadGrouping.MISSING));
    }
    return g;
  }

  @Override
  public List<StageCount> furthestStages(ReportPeriod createdIn, Instant asOf,
      LeadGrouping grouping) {
    Map<String, EnumMap<LifecycleStage, Long>> m = new TreeMap<>();
    forEachLead(l -> {
      if (!createdIn.contains(l.createdAt())) {
        return;
      }
      LifecycleStage furthest = LifecycleStage.KNOWN;
      for (StageChange c : l.stageHistory()) {
        if (c.at().isBefore(asOf) && c.to().rank() > furthest.rank()) {
          furthest = c.to();
        }
      }
      m.computeIfAbsent(grouping.groupOf(l), k -> new EnumMap<>(LifecycleStage.class))
          .merge(furthest, 1L, Long::sum);
    });
    List<StageCount> out = new ArrayList<>();
    m.forEach((g, counts) -> counts.forEach((s, n) -> out.add(new StageCount(g, s, n))));
    return out;
  }

  @Override
  public Map<LifecycleStage, Long> stagesAt(Instant asOf) {
    EnumMap<LifecycleStage, Long> m = new EnumMap<>(LifecycleStage.class);
    forEachLead(l -> {
      if (!l.createdAt().isBefore(asOf)) {
        return;
      }
      LifecycleStage s = LifecycleStage.KNOWN;
      for (StageChange c : l.stageHistory()) {
        if (c.at().isBefore(asOf)) {
          s = c.to();
        }
      }
      m.merge(s, 1L, Long::sum);
    });
    return m;
  }

  @Override
  public long leadsMoving(ReportPeriod period, Set<LifecycleStage> from,
      Set<LifecycleStage> to) {
    long[] n = {0};
    forEachLead(l -> {
      for (StageChange c : l.stageHistory()) {
        if (period.contains(c.at()) && (from.isEmpty() || from.contains(c.from()))
            && to.contains(c.to())) {
          n[0]++;
          return;
        }
      }
    });
    return n[0];
  }

  @Override
  public List<Duration> stageMoves(ReportPeriod period, LifecycleStage from,
      LifecycleStage to) {
    if (from == to) {
      throw new InvalidValueException("a stage move needs two different stages, got " + from
          + " twice");
    }
    List<Duration> out = new ArrayList<>();
    forEachLead(l -> {
      Instant lastFrom = from == LifecycleStage.KNOWN ? l.createdAt() : null;
      for (StageChange c : l.stageHistory()) {
        if (c.to() == to) {
          if (lastFrom != null && period.contains(c.at())) {
            out.add(Duration.between(lastFrom, c.at()));
          }
          lastFrom = null;
        } else if (c.to() == from) {
          lastFrom = c.at();
        }
      }
    });
    out.sort(Comparator.naturalOrder());
    return out;
  }

  @Override
  public LeadActivity activity(ReportPeriod period, Set<TouchpointType> passive) {
    long[] n = {0, 0, 0};
    TouchpointQuery q = TouchpointQuery.all().between(period.from(), period.to());
    forEachLead(l -> {
      boolean created = period.contains(l.createdAt());
      boolean active = created;
      if (!active) {
        for (StageChange c : l.stageHistory()) {
          if (period.contains(c.at())) {
            active = true;
            break;
          }
        }
      }
      if (!active) {
        for (Touchpoint t : touchpoints.findByLead(l.id(), q)) {
          if (!passive.contains(t.type())) {
            active = true;
            break;
          }
        }
      }
      n[0] += created ? 1 : 0;
      n[1] += active ? 1 : 0;
    });
    forEachAnonymous((v, list) -> {
      for (Touchpoint t : list) {
        if (period.contains(t.at()) && !passive.contains(t.type())) {
          n[2]++;
          return;
        }
      }
    });
    return new LeadActivity(n[0], n[1], n[2]);
  }

  @Override
  public List<TouchpointCount> touchpointCounts(ReportPeriod period, TouchpointFilter filter,
      List<PropertyKey> groupBy) {
    Map<List<String>, long[]> counts = new TreeMap<>(GROUP_ORDER);
    TouchpointQuery q = new TouchpointQuery(filter.types(), Optional.of(period.from()),
        Optional.of(period.to()));
    forEachLead(l -> {
      Set<List<String>> seen = new HashSet<>();
      for (Touchpoint t : touchpoints.findByLead(l.id(), q)) {
        if (filter.matches(t)) {
          List<String> g = groupValues(t, groupBy);
          long[] c = counts.computeIfAbsent(g, k -> new long[2]);
          c[0]++;
          if (seen.add(g)) {
            c[1]++;
          }
        }
      }
    });
    forEachAnonymous((v, list) -> {
      for (Touchpoint t : list) {
        if (period.contains(t.at()) && filter.matches(t)) {
          counts.computeIfAbsent(groupValues(t, groupBy), k -> new long[2])[0]++;
        }
      }
    });
    List<TouchpointCount> out = new ArrayList<>();
    counts.forEach((g, c) -> out.add(new TouchpointCount(g, c[0], c[1])));
    return out;
  }

  @Override
  public AmountTotal amounts(ReportPeriod period, TouchpointFilter filter, PropertyKey amount) {
    long[] n = {0, 0};
    BigDecimal[] sum = {BigDecimal.ZERO};
    Consumer<Touchpoint> add = t -> {
      Optional<BigDecimal> v = t.property(amount).flatMap(AmountTotal::parse);
      if (v.isPresent()) {
        n[0]++;
        sum[0] = sum[0].add(v.get());
      } else {
        n[1]++;
      }
    };
    TouchpointQuery q = new TouchpointQuery(filter.types(), Optional.of(period.from()),
        Optional.of(period.to()));
    forEachLead(l -> touchpoints.findByLead(l.id(), q).stream().filter(filter::matches)
        .forEach(add));
    forEachAnonymous((v, list) -> list.stream()
        .filter(t -> period.contains(t.at()) && filter.matches(t)).forEach(add));
    return new AmountTotal(n[0], sum[0], n[1]);
  }

  @Override
  public List<MessageOutcome> messageOutcomes(ReportPeriod sentIn, List<PropertyKey> groupBy,
      Attribution attribution) {
    Map<List<String>, long[]> counts = new TreeMap<>(GROUP_ORDER);
    TouchpointQuery q = new TouchpointQuery(MAIL_TYPES,
        Optional.of(sentIn.from().minus(attribution.window())), Optional.empty());
    forEachLead(l -> {
      List<Touchpoint> mail = touchpoints.findByLead(l.id(), q);
      List<Touchpoint> sent = new ArrayList<>();
      Map<String, EnumSet<Outcome>> outcomes = new HashMap<>();
      for (Touchpoint t : mail) {
        if (t.type().equals(TouchpointType.EMAIL_SENT)) {
          sent.add(t);
          continue;
        }
        Outcome o = Outcome.of(t.type());
        t.property(PropertyKey.MESSAGE_KEY).ifPresent(k -> outcomes
            .computeIfAbsent(k, x -> EnumSet.noneOf(Outcome.class)).add(o));
      }
      if (sent.isEmpty()) {
        return;
      }
      Set<Touchpoint> converted = new HashSet<>();
      for (StageChange c : l.stageHistory()) {
        if (!attribution.isConversion(c.from(), c.to())) {
          continue;
        }
        Touchpoint last = null;
        for (Touchpoint s : sent) {
          if (s.at().isBefore(c.at())) {
            last = s;
          }
        }
        if (last != null && !c.at().isAfter(last.at().plus(attribution.window()))) {
          converted.add(last);
        }
      }
      for (Touchpoint s : sent) {
        if (!sentIn.contains(s.at())) {
          continue;
        }
        Set<Outcome> o = s.property(PropertyKey.MESSAGE_KEY).map(outcomes::get)
            .orElse(null);
        if (o == null) {
          o = Set.of();
        }
        long[] c = counts.computeIfAbsent(groupValues(s, groupBy), k -> new long[6]);
        c[0]++;
        if (o.contains(Outcome.BOUNCED)) {
          c[1]++;
          continue;
        }
        boolean clicked = o.contains(Outcome.CLICKED);
        c[2] += clicked || o.contains(Outcome.OPENED) ? 1 : 0;
        c[3] += clicked ? 1 : 0;
        c[4] += o.contains(Outcome.UNSUBSCRIBED) ? 1 : 0;
        c[5] += converted.contains(s) ? 1 : 0;
      }
    });
    List<MessageOutcome> out = new ArrayList<>();
    counts.forEach((g, c) -> out.add(new MessageOutcome(g, c[0], c[1], c[2], c[3], c[4], c[5])));
    return out;
  }

  private enum Outcome {
    OPENED, CLICKED, BOUNCED, UNSUBSCRIBED;

    static Outcome of(TouchpointType type) {
      if (type.equals(TouchpointType.EMAIL_OPENED)) {
        return OPENED;
      }
      if (type.equals(TouchpointType.EMAIL_CLICKED)) {
        return CLICKED;
      }
      if (type.equals(TouchpointType.EMAIL_BOUNCED)) {
        return BOUNCED;
      }
      return UNSUBSCRIBED;
    }
  }

  @Override
  public PathConversion landingPageConversions(ReportPeriod period, LandingPages pages,
      Set<TouchpointType> conversionTypes, Duration window) {
    long[] n = {0, 0};
    Consumer<List<Touchpoint>> subject = list -> {
      List<Instant> views = new ArrayList<>();
      List<Instant> conversions = new ArrayList<>();
      for (Touchpoint t : list) {
        if (t.type().equals(TouchpointType.PAGE_VIEW) && period.contains(t.at())
            && t.property(PropertyKey.URL).map(pages::matches).orElse(false)) {
          views.add(t.at());
        }
        if (conversionTypes.contains(t.type())) {
          conversions.add(t.at());
        }
      }
      if (views.isEmpty()) {
        return;
      }
      n[0]++;
      for (Instant c : conversions) {
        for (Instant v : views) {
          if (!c.isBefore(v) && !c.isAfter(v.plus(window))) {
            n[1]++;
            return;
          }
        }
      }
    };
    Set<TouchpointType> types = new HashSet<>(conversionTypes);
    types.add(TouchpointType.PAGE_VIEW);
    TouchpointQuery q = new TouchpointQuery(types, Optional.of(period.from()),
        Optional.of(period.to().plus(window).plusNanos(1)));
    forEachLead(l -> subject.accept(touchpoints.findByLead(l.id(), q)));
    forEachAnonymous((v, list) -> subject.accept(list.stream()
        .filter(t -> q.matches(t.type(), t.at())).toList()));
    return new PathConversion(n[0], n[1]);
  }

  @Override
  public SubscriberCounts subscribers(ReportPeriod period, Channel channel) {
    long[] n = {0, 0, 0};
    forEachLead(l -> {
      Optional<ConsentRecord> c = l.consent(channel);
      if (c.isEmpty()) {
        return;
      }
      ConsentRecord r = c.get();
      if (r.status() == ConsentStatus.SUBSCRIBED && r.at().isBefore(period.to())) {
        n[0]++;
        n[1] += period.contains(r.at()) ? 1 : 0;
      }
      if (r.status() == ConsentStatus.UNSUBSCRIBED && period.contains(r.at())) {
        n[2]++;
      }
    });
    return new SubscriberCounts(n[0], n[1], n[2]);
  }

  @Override
  public List<AssetConversion> assetConversions(List<AttributeKey> personaKeys,
      LifecycleStage goal) {
    Map<List<String>, Map<String, long[]>> m = new TreeMap<>(GROUP_ORDER);
    TouchpointQuery q = TouchpointQuery.ofTypes(TouchpointType.ASSET_DOWNLOADED);
    forEachLead(l -> {
      Map<String, Instant> firstDownload = new LinkedHashMap<>();
      for (Touchpoint t : touchpoints.findByLead(l.id(), q)) {
        t.property(PropertyKey.ASSET).ifPresent(a -> firstDownload.putIfAbsent(a, t.at()));
      }
      if (firstDownload.isEmpty()) {
        return;
      }
      Instant converted = null;
      for (StageChange c : l.stageHistory()) {
        if (c.to().isAtLeast(goal) && !c.from().isAtLeast(goal)) {
          converted = c.at();
          break;
        }
      }
      Map<String, long[]> byAsset = m.computeIfAbsent(groupValues(l, personaKeys),
          k -> new TreeMap<>());
      for (Map.Entry<String, Instant> e : firstDownload.entrySet()) {
        long[] c = byAsset.computeIfAbsent(e.getKey(), k -> new long[2]);
        c[0]++;
        if (converted != null && e.getValue().isBefore(converted)) {
          c[1]++;
        }
      }
    });
    List<AssetConversion> out = new ArrayList<>();
    m.forEach((p, byAsset) -> byAsset.forEach((a, c) ->
        out.add(new AssetConversion(p, a, c[0], c[1]))));
    return out;
  }
}
