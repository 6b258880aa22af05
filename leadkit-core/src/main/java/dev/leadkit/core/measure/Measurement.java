package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report builders: each takes a {@link MeasurementSource} and a period and returns a plain
 * record. They hold no state and only read.
 *
 * <pre>{@code
 * MeasurementSource source = InMemory.measurementSource(kit.leadStore(), kit.touchpointLog());
 * ReportPeriod april = ReportPeriod.month(YearMonth.of(2026, 4), ZoneId.of("Asia/Tokyo"));
 * KpiReport kpis = Measurement.kpis(source, april, KpiSettings.ofDefaults());
 * Funnel bySource = Measurement.funnel(source, april, LeadGrouping.bySource());
 * }</pre>
 */
public final class Measurement {
  /** The stage pairs {@link #stageVelocities} reports, along the funnel. */
  public static final List<List<LifecycleStage>> DEFAULT_MOVES = List.of(
      List.of(LifecycleStage.KNOWN, LifecycleStage.MQL),
      List.of(LifecycleStage.MQL, LifecycleStage.SQL),
      List.of(LifecycleStage.SQL, LifecycleStage.OPPORTUNITY),
      List.of(LifecycleStage.OPPORTUNITY, LifecycleStage.CUSTOMER));

  private static final Set<LifecycleStage> CLOSABLE =
      EnumSet.of(LifecycleStage.SQL, LifecycleStage.OPPORTUNITY);

  private Measurement() {}

  /**
   * The funnel of the leads created in {@code period}, split by {@code grouping} (see {@link
   * Funnel}); stage history is read up to the period's end.
   */
  public static Funnel funnel(MeasurementSource source, ReportPeriod period,
      LeadGrouping grouping) {
    return funnel(source, period, grouping, KpiSettings.ofDefaults());
  }

  /**
   * The funnel as {@link #funnel(MeasurementSource, ReportPeriod, LeadGrouping)}, counting
   * anonymous visitors with {@code settings}' passive types.
   */
  public static Funnel funnel(MeasurementSource source, ReportPeriod period,
      LeadGrouping grouping, KpiSettings settings) {
    List<StageCount> rows = source.furthestStages(period, period.to(), grouping);
    Map<String, long[]> perGroup = new TreeMap<>();
    for (StageCount r : rows) {
      long[] counts = perGroup.computeIfAbsent(r.group(), k -> new long[FunnelStage.values().length]);
      for (FunnelStage s : FunnelStage.values()) {
        if (s.stage().map(st -> r.stage().isAtLeast(st)).orElse(true)) {
          counts[s.ordinal()] += r.leads();
        }
      }
    }
    long anonymous = source.activity(period, settings.passive())
        .anonymousVisitors();
    long[] total = new long[FunnelStage.values().length];
    Map<String, List<FunnelStep>> groups = new TreeMap<>();
    perGroup.forEach((g, counts) -> {
      for (int i = 0; i < counts.length; i++) {
        total[i] += counts[i];
      }
      groups.put(g, steps(counts));
    });
    total[FunnelStage.REACH.ordinal()] += anonymous;
    return new Funnel(period, period.to(), anonymous, steps(total), groups);
  }

  private static List<FunnelStep> steps(long[] counts) {
    List<FunnelStep> out = new ArrayList<>();
    for (FunnelStage s : FunnelStage.values()) {
      int i = s.ordinal();
      long prev = i == 0 ? counts[0] : counts[i - 1];
      out.add(new FunnelStep(s, counts[i], Rate.of(counts[i], prev), Rate.of(counts[i],
          counts[0])));
    }
    return out;
  }

  /** Seed 003's KPIs for {@code period} (see {@link KpiReport} for the definitions). */
  public static KpiReport kpis(MeasurementSource source, ReportPeriod period,
      KpiSettings settings) {
    LeadActivity activity = source.activity(period, settings.passive());
    long inquiries = leads(source.touchpointCounts(period, settings.inquiry(), List.of()));
    long appointments = leads(source.touchpointCounts(period, settings.appointment(),
        List.of()));
    long opportunities = source.leadsMoving(period, Set.of(),
        Set.of(LifecycleStage.OPPORTUNITY));
    long wins = source.leadsMoving(period, Set.of(), Set.of(LifecycleStage.CUSTOMER));
    long losses = source.leadsMoving(period, CLOSABLE, Set.of(LifecycleStage.LOST));
    List<TouchpointCount> dl = source.touchpointCounts(period,
        TouchpointFilter.ofTypes(TouchpointType.ASSET_DOWNLOADED), List.of());
    long downloads = dl.stream().mapToLong(TouchpointCount::touchpoints).sum();
    SubscriberCounts subscribers = source.subscribers(period, settings.subscription());
    MessageOutcome mail = total(source.messageOutcomes(period, List.of(),
        settings.attribution()));
    PathConversion lp = source.landingPageConversions(period, settings.landingPages(),
        settings.landingPageConversion(), settings.landingPageWindow());
    return new KpiReport(period, activity.activeLeads(), activity.anonymousVisitors(),
        activity.createdLeads(), inquiries, appointments, opportunities, wins, losses,
        downloads, leads(dl), subscribers, mail, lp);
  }

  private static long leads(List<TouchpointCount> rows) {
    return rows.stream().mapToLong(TouchpointCount::leads).sum();
  }

  private static MessageOutcome total(List<MessageOutcome> rows) {
    MessageOutcome t = MessageOutcome.none(List.of());
    for (MessageOutcome r : rows) {
      t = t.plus(r, List.of());
    }
    return t;
  }

  /** How many leads moved from {@code from} to {@code to} in {@code period}, and how fast. */
  public static StageVelocity stageVelocity(MeasurementSource source, ReportPeriod period,
      LifecycleStage from, LifecycleStage to) {
    if (from == to) {
      throw new InvalidValueException("stage velocity needs two different stages, got " + from
          + " twice");
    }
    List<Duration> moves = new ArrayList<>(source.stageMoves(period, from, to));
    moves.sort(null);
    if (moves.isEmpty()) {
      return new StageVelocity(from, to, 0, Optional.empty(),
          Optional.empty());
    }
    return new StageVelocity(from, to, moves.size(), Optional.of(mean(moves)),
        Optional.of(median(moves)));
  }

  /** {@link #stageVelocity} for every pair in {@link #DEFAULT_MOVES}. */
  public static List<StageVelocity> stageVelocities(MeasurementSource source,
      ReportPeriod period) {
    List<StageVelocity> out = new ArrayList<>();
    for (List<LifecycleStage> pair : DEFAULT_MOVES) {
      out.add(stageVelocity(source, period, pair.get(0), pair.get(1)));
    }
    return out;
  }

  static Duration mean(List<Duration> sorted) {
    Duration sum = Duration.ZERO;
    for (Duration d : sorted) {
      sum = sum.plus(d);
    }
    return sum.dividedBy(sorted.size());
  }

  static Duration median(List<Duration> sorted) {
    int n = sorted.size();
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    return sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
  }

  /** Pipeline velocity over {@code period} (see {@link PipelineVelocity} for the formula). */
  public static PipelineVelocity pipelineVelocity(MeasurementSource source,
      ReportPeriod period) {
    Map<LifecycleStage, Long> stages = new EnumMap<>(LifecycleStage.class);
    stages.putAll(source.stagesAt(period.to()));
    long open = stages.getOrDefault(LifecycleStage.OPPORTUNITY, 0L);
    long wins = source.leadsMoving(period, Set.of(), Set.of(LifecycleStage.CUSTOMER));
    long losses = source.leadsMoving(period, CLOSABLE, Set.of(LifecycleStage.LOST));
    Rate winRate = Rate.of(wins, wins + losses);
    var deal = source.amounts(period, TouchpointFilter.ofTypes(TouchpointType.PURCHASE),
        PropertyKey.AMOUNT).mean();
    StageVelocity cycle = stageVelocity(source, period, LifecycleStage.OPPORTUNITY,
        LifecycleStage.CUSTOMER);
    Optional<BigDecimal> perDay = Optional.empty();
    if (winRate.defined() && deal.isPresent() && cycle.mean().isPresent()
        && !cycle.mean().get().isZero()) {
      BigDecimal days = BigDecimal.valueOf(cycle.mean().get().toNanos())
          .divide(BigDecimal.valueOf(Duration.ofDays(1).toNanos()), MathContext.DECIMAL64);
      perDay = Optional.of(BigDecimal.valueOf(open)
          .multiply(BigDecimal.valueOf(wins))
          .divide(BigDecimal.valueOf(wins + losses), MathContext.DECIMAL64)
          .multiply(deal.get()).divide(days, MathContext.DECIMAL64));
    }
    return new PipelineVelocity(open, winRate, deal, cycle.mean(), perDay);
  }

  /**
   * Per journey, per step and per template performance of the messages sent in {@code period}
   * (see {@link ProgramPerformance}).
   */
  public static ProgramPerformance programPerformance(MeasurementSource source,
      ReportPeriod period, Attribution attribution) {
    return new ProgramPerformance(period, attribution,
        rows(source, period, attribution, List.of(PropertyKey.JOURNEY)),
        rows(source, period, attribution, List.of(PropertyKey.JOURNEY, PropertyKey.STEP)),
        rows(source, period, attribution, List.of(PropertyKey.TEMPLATE)));
  }

  private static List<ProgramRow> rows(MeasurementSource source, ReportPeriod period,
      Attribution attribution, List<PropertyKey> keys) {
    Map<List<String>, MessageOutcome> mail = new TreeMap<>(Measurement::compareGroups);
    for (MessageOutcome o : source.messageOutcomes(period, keys, attribution)) {
      mail.put(o.group(), o);
    }
    List<PropertyKey> exitKeys = new ArrayList<>(keys);
    exitKeys.add(PropertyKey.REASON);
    Map<List<String>, Map<String, Long>> exits = new TreeMap<>(Measurement::compareGroups);
    for (TouchpointCount c : source.touchpointCounts(period,
        TouchpointFilter.ofTypes(TouchpointType.JOURNEY_EXITED), exitKeys)) {
      List<String> key = c.group().subList(0, keys.size());
      String reason = c.group().get(keys.size());
      exits.computeIfAbsent(List.copyOf(key), k -> new TreeMap<>())
          .merge(reason, c.touchpoints(), Long::sum);
      mail.putIfAbsent(List.copyOf(key), MessageOutcome.none(key));
    }
    List<ProgramRow> out = new ArrayList<>();
    mail.forEach((k, o) -> out.add(new ProgramRow(k, o, exits.getOrDefault(k, Map.of()))));
    return out;
  }

  /**
   * What each of {@code targets} reached: its metric measured over its period, from {@code
   * source} and the host's {@code offline} figures, with KPIs as {@code settings} define them.
   * The KPI report and funnel of a period are computed once however many targets read them.
   */
  public static TargetReport targets(MeasurementSource source, OfflineCountStore offline,
      List<KpiTarget> targets, KpiSettings settings) {
    if (source == null || offline == null || targets == null || settings == null) {
      throw new InvalidValueException("targets need a source, offline figures, targets and"
          + " settings");
    }
    Map<ReportPeriod, KpiReport> kpis = new java.util.HashMap<>();
    Map<ReportPeriod, Funnel> funnels = new java.util.HashMap<>();
    List<TargetRow> rows = new ArrayList<>();
    for (KpiTarget t : targets) {
      if (t == null) {
        throw new InvalidValueException("targets must not contain null");
      }
      Optional<Double> actual = value(t.metric(), t.period(), source, offline, settings, kpis,
          funnels);
      rows.add(new TargetRow(t, actual, actual.map(a -> a / t.target())));
    }
    return new TargetReport(rows);
  }

  private static Optional<Double> value(Metric m, ReportPeriod p, MeasurementSource source,
      OfflineCountStore offline, KpiSettings settings, Map<ReportPeriod, KpiReport> kpis,
      Map<ReportPeriod, Funnel> funnels) {
    if (m instanceof Metric.Kpi k) {
      KpiReport r = kpis.computeIfAbsent(p, x -> kpis(source, x, settings));
      return switch (k.figure()) {
        case REACH -> Optional.of((double) r.reach());
        case ACTIVE_LEADS -> Optional.of((double) r.activeLeads());
        case NEW_LEADS -> Optional.of((double) r.newLeads());
        case INQUIRIES -> Optional.of((double) r.inquiries());
        case APPOINTMENTS -> Optional.of((double) r.appointments());
        case OPPORTUNITIES -> Optional.of((double) r.opportunities());
        case WINS -> Optional.of((double) r.wins());
        case DOWNLOADS -> Optional.of((double) r.downloads());
        case CONVERSION_RATE -> r.conversionRate().asOptional();
        case INQUIRY_RATE -> r.inquiryRate().asOptional();
        case APPOINTMENT_RATE -> r.appointmentRate().asOptional();
        case OPPORTUNITY_RATE -> r.opportunityRate().asOptional();
        case WIN_RATE -> r.winRate().asOptional();
        case OPEN_RATE -> r.openRate().asOptional();
        case CLICK_RATE -> r.clickRate().asOptional();
      };
    }
    if (m instanceof Metric.Step s) {
      Funnel f = funnels.computeIfAbsent(p, x -> funnel(source, x, LeadGrouping.all(),
          settings));
      return Optional.of((double) f.count(s.stage()));
    }
    if (m instanceof Metric.Count c) {
      List<TouchpointCount> rows = source.touchpointCounts(p, c.filter(), List.of());
      return Optional.of((double) (c.distinctLeads() ? leads(rows)
          : rows.stream().mapToLong(TouchpointCount::touchpoints).sum()));
    }
    if (m instanceof Metric.Offline o) {
      return Optional.of((double) offline.total(o.name(), p));
    }
    Metric.Ratio r = (Metric.Ratio) m;
    Optional<Double> num = value(r.numerator(), p, source, offline, settings, kpis, funnels);
    Optional<Double> den = value(r.denominator(), p, source, offline, settings, kpis, funnels);
    if (num.isEmpty() || den.isEmpty() || den.get() == 0) {
      return Optional.empty();
    }
    return Optional.of(num.get() / den.get());
  }

  static int compareGroups(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
