package dev.leadkit.examples;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LifecycleStage;
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
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The measurement source over several engines' stores whose leads are disjoint (each demo
 * scenario has its own stores): every answer of {@link MeasurementSource} is a count or a list
 * per lead, so the combined answer is the sum of the parts, group by group. Anonymous visitors
 * are counted per store (a cookie seen by two scenarios counts twice).
 */
final class CombinedMeasurementSource implements MeasurementSource {
  private static final Comparator<List<String>> GROUPS = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  private final List<MeasurementSource> parts;

  CombinedMeasurementSource(List<MeasurementSource> parts) {
    this.parts = List.copyOf(parts);
  }

  @Override
  public List<StageCount> furthestStages(ReportPeriod createdIn, Instant asOf,
      LeadGrouping grouping) {
    Map<String, Map<LifecycleStage, Long>> sums = new TreeMap<>();
    for (MeasurementSource p : parts) {
      for (StageCount c : p.furthestStages(createdIn, asOf, grouping)) {
        sums.computeIfAbsent(c.group(), g -> new EnumMap<>(LifecycleStage.class))
            .merge(c.stage(), c.leads(), Long::sum);
      }
    }
    List<StageCount> out = new ArrayList<>();
    sums.forEach((g, m) -> m.forEach((s, n) -> out.add(new StageCount(g, s, n))));
    return out;
  }

  @Override
  public Map<LifecycleStage, Long> stagesAt(Instant asOf) {
    Map<LifecycleStage, Long> out = new EnumMap<>(LifecycleStage.class);
    for (MeasurementSource p : parts) {
      p.stagesAt(asOf).forEach((s, n) -> out.merge(s, n, Long::sum));
    }
    return out;
  }

  @Override
  public long leadsMoving(ReportPeriod period, Set<LifecycleStage> from,
      Set<LifecycleStage> to) {
    long n = 0;
    for (MeasurementSource p : parts) {
      n += p.leadsMoving(period, from, to);
    }
    return n;
  }

  @Override
  public List<Duration> stageMoves(ReportPeriod period, LifecycleStage from,
      LifecycleStage to) {
    List<Duration> out = new ArrayList<>();
    for (MeasurementSource p : parts) {
      out.addAll(p.stageMoves(period, from, to));
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  @Override
  public LeadActivity activity(ReportPeriod period, Set<TouchpointType> passive) {
    long created = 0;
    long active = 0;
    long anonymous = 0;
    for (MeasurementSource p : parts) {
      LeadActivity a = p.activity(period, passive);
      created += a.createdLeads();
      active += a.activeLeads();
      anonymous += a.anonymousVisitors();
    }
    return new LeadActivity(created, active, anonymous);
  }

  @Override
  public List<TouchpointCount> touchpointCounts(ReportPeriod period, TouchpointFilter filter,
      List<PropertyKey> groupBy) {
    Map<List<String>, long[]> sums = new TreeMap<>(GROUPS);
    for (MeasurementSource p : parts) {
      for (TouchpointCount c : p.touchpointCounts(period, filter, groupBy)) {
        long[] s = sums.computeIfAbsent(c.group(), g -> new long[2]);
        s[0] += c.touchpoints();
        s[1] += c.leads();
      }
    }
    List<TouchpointCount> out = new ArrayList<>();
    sums.forEach((g, s) -> out.add(new TouchpointCount(g, s[0], s[1])));
    return out;
  }

  @Override
  public AmountTotal amounts(ReportPeriod period, TouchpointFilter filter, PropertyKey amount) {
    AmountTotal total = null;
    for (MeasurementSource p : parts) {
      AmountTotal a = p.amounts(period, filter, amount);
      total = total == null ? a : new AmountTotal(total.count() + a.count(),
          total.sum().add(a.sum()), total.unparseable() + a.unparseable());
    }
    return total == null ? new AmountTotal(0, java.math.BigDecimal.ZERO, 0) : total;
  }

  @Override
  public List<MessageOutcome> messageOutcomes(ReportPeriod sentIn, List<PropertyKey> groupBy,
      Attribution attribution) {
    Map<List<String>, MessageOutcome> sums = new TreeMap<>(GROUPS);
    for (MeasurementSource p : parts) {
      for (MessageOutcome m : p.messageOutcomes(sentIn, groupBy, attribution)) {
        sums.merge(m.group(), m, (a, b) -> a.plus(b, a.group()));
      }
    }
    return new ArrayList<>(sums.values());
  }

  @Override
  public PathConversion landingPageConversions(ReportPeriod period, LandingPages pages,
      Set<TouchpointType> conversionTypes, Duration window) {
    long viewers = 0;
    long converted = 0;
    for (MeasurementSource p : parts) {
      PathConversion c = p.landingPageConversions(period, pages, conversionTypes, window);
      viewers += c.viewers();
      converted += c.converted();
    }
    return new PathConversion(viewers, converted);
  }

  @Override
  public SubscriberCounts subscribers(ReportPeriod period, Channel channel) {
    long atEnd = 0;
    long added = 0;
    long gone = 0;
    for (MeasurementSource p : parts) {
      SubscriberCounts c = p.subscribers(period, channel);
      atEnd += c.subscribedAtEnd();
      added += c.newSubscribers();
      gone += c.unsubscribed();
    }
    return new SubscriberCounts(atEnd, added, gone);
  }

  @Override
  public List<AssetConversion> assetConversions(List<AttributeKey> personaKeys,
      LifecycleStage goal) {
    Map<List<String>, long[]> sums = new TreeMap<>(GROUPS);
    for (MeasurementSource p : parts) {
      for (AssetConversion a : p.assetConversions(personaKeys, goal)) {
        List<String> key = new ArrayList<>(a.persona());
        key.add(a.asset());
        long[] s = sums.computeIfAbsent(key, k -> new long[2]);
        s[0] += a.consumers();
        s[1] += a.convertedAfter();
      }
    }
    List<AssetConversion> out = new ArrayList<>();
    sums.forEach((k, s) -> out.add(new AssetConversion(k.subList(0, k.size() - 1),
        k.get(k.size() - 1), s[0], s[1])));
    return out;
  }
}
