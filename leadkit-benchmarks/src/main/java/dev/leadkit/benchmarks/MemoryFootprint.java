package dev.leadkit.benchmarks;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes per lead and per touchpoint held by the in-memory adapters, measured as the retained
 * heap delta (after full GCs) of loading N typical leads (6 attributes, one consent-free
 * profile) and M touchpoints (a URL property each). Heap deltas include every index the
 * adapters keep, which is what a host pays.
 */
final class MemoryFootprint {
  private MemoryFootprint() {}

  record Result(int leads, long bytesPerLead, int touchpoints, long bytesPerTouchpoint) {}

  static Result measure(int leads, int touchpointsPerLead) {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    long base = usedAfterGc();
    LeadStore store = InMemory.leadStore();
    List<Lead> batch = new ArrayList<>(1000);
    List<LeadId> ids = new ArrayList<>(leads);
    for (int i = 0; i < leads; i++) {
      LeadId id = LeadId.of("lead-" + i);
      ids.add(id);
      batch.add(Lead.create(id, EmailAddress.parse("user" + i + "@company" + (i % 5000)
          + ".example"), Attributes.empty()
          .with(AttributeKey.COMPANY, "Company " + (i % 5000))
          .with(AttributeKey.TITLE, i % 3 == 0 ? "Manager" : "Engineer")
          .with(AttributeKey.INDUSTRY, i % 2 == 0 ? "manufacturing" : "it")
          .with(AttributeKey.COMPANY_SIZE, AttributeValue.number(50 + i % 3000))
          .with(AttributeKey.FIRST_NAME, "Taro")
          .with(AttributeKey.LAST_NAME, "Yamada"), t0));
      if (batch.size() == 1000) {
        store.saveAll(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      store.saveAll(batch);
    }
    long afterLeads = usedAfterGc();
    TouchpointLog log = InMemory.touchpointLog();
    List<Touchpoint> tps = new ArrayList<>(1000);
    int n = 0;
    for (int i = 0; i < leads; i++) {
      for (int j = 0; j < touchpointsPerLead; j++) {
        tps.add(Touchpoint.forLead(ids.get(i), TouchpointType.PAGE_VIEW,
            t0.plus(Duration.ofMinutes(j))).id("t-" + i + "-" + j)
            .url(j % 4 == 0 ? "/pricing" : "/products/erp/page-" + (j % 7)).build());
        n++;
        if (tps.size() == 1000) {
          log.appendAll(tps);
          tps.clear();
        }
      }
    }
    log.appendAll(tps);
    long afterTps = usedAfterGc();
    if (store.count() != leads || log.count() != n) {
      throw new IllegalStateException("store lost data");
    }
    return new Result(leads, (afterLeads - base) / leads, n, n == 0 ? 0 : (afterTps - afterLeads) / n);
  }

  /**
   * P2's memory: the retained heap of the segment engine's state (membership, schedule and
   * behaviour cache) and of the reference's state (newest view times, members, exit queue) after
   * the same stream of {@code count} touchpoints (P2's generator) over the P2 hot set, per lead
   * that received a touchpoint. Each side's touchpoint log is measured separately and
   * subtracted: both keep one, and the touchpoint objects are shared by both.
   *
   * @param trackedLeads distinct leads in the stream
   * @param leadkitStateBytesPerLead the engine with the plugin minus the engine without it
   * @param referenceStateBytesPerLead the reference minus its log alone
   * @param leadkitMembers members at the end (leadkit)
   * @param referenceMembers members at the end (reference; the same leads, checked)
   */
  record IncrementalResult(int trackedLeads, int touchpoints, long leadkitStateBytesPerLead,
      long referenceStateBytesPerLead, long leadkitMembers, long referenceMembers) {}

  static IncrementalResult incremental(int leads, int count) {
    LeadStore store = InMemory.leadStore();
    List<Lead> batch = new ArrayList<>();
    for (int i = 0; i < leads; i++) {
      batch.add(Data.lead(i));
      if (batch.size() == 5000) {
        store.saveAll(batch);
        batch.clear();
      }
    }
    store.saveAll(batch);
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    Touchpoint[] stream = new Touchpoint[count];
    java.util.Set<LeadId> tracked = new java.util.HashSet<>();
    long millis = Data.T0.toEpochMilli();
    for (int i = 0; i < count; i++) {
      millis += 20_000;
      stream[i] = Data.touch(random, random.nextInt(Math.min(leads, 20_000)),
          Instant.ofEpochMilli(millis), i);
      tracked.add(stream[i].lead().orElseThrow());
    }
    // leadkit without and with the segments plugin
    long base = usedAfterGc();
    LeadKit plain = kit(store, null);
    feed(plain, stream);
    long withoutPlugin = usedAfterGc() - base;
    plain = null;
    base = usedAfterGc();
    dev.leadkit.core.segment.SegmentsPlugin segments =
        dev.leadkit.core.segment.SegmentsPlugin.inMemory();
    LeadKit kit = kit(store, segments);
    segments.define(new dev.leadkit.core.segment.SegmentDefinition(
        IncrementalSegmentBench.SEGMENT, "pricing x5 in 90 days",
        IncrementalSegmentBench.predicate()));
    feed(kit, stream);
    long withPlugin = usedAfterGc() - base;
    long leadkitMembers = segments.count(IncrementalSegmentBench.SEGMENT);
    java.util.Set<LeadId> leadkitMemberSet = new java.util.HashSet<>();
    for (LeadId after = null; ; ) {
      List<LeadId> page = segments.members(IncrementalSegmentBench.SEGMENT, after, 1000);
      if (page.isEmpty()) {
        break;
      }
      leadkitMemberSet.addAll(page);
      after = page.get(page.size() - 1);
    }
    kit = null;
    segments = null;
    // the reference's log alone, then the whole reference
    base = usedAfterGc();
    TouchpointLog log = InMemory.touchpointLog();
    for (Touchpoint t : stream) {
      log.append(t);
    }
    long logOnly = usedAfterGc() - base;
    log = null;
    base = usedAfterGc();
    IncrementalSegmentBench.Reference ref = new IncrementalSegmentBench.Reference();
    for (Touchpoint t : stream) {
      ref.track(t);
    }
    long whole = usedAfterGc() - base;
    long referenceMembers = ref.members.size();
    if (!ref.members.equals(leadkitMemberSet)) {
      // both are exact, so any difference is a bug on one side
      throw new IllegalStateException("P2 members differ: leadkit " + leadkitMemberSet.size()
          + ", reference " + ref.members.size());
    }
    ref = null;
    int n = tracked.size();
    if (plain != null || kit != null || log != null || ref != null || store.count() != leads) {
      throw new IllegalStateException("unreachable");
    }
    return new IncrementalResult(n, count, (withPlugin - withoutPlugin) / n,
        (whole - logOnly) / n, leadkitMembers, referenceMembers);
  }

  /**
   * Bytes per lead of the in-memory runtime with window state: {@code leads} leads created
   * through the engine (e-mail and consent), an engine with one scoring model ("any page view +1")
   * and one window segment ("at least {@code perLead} page views in 90 days", so that the window
   * holds every view), then {@code perLead} page views tracked per lead. The retained heap of the
   * engine, less that of an in-memory touchpoint log holding the same touchpoints alone (the log
   * is measured per touchpoint), divided by the leads. The touchpoint objects exist before both
   * measurements, so neither counts them.
   *
   * @param bytesPerLead engine minus log, per lead
   * @param logBytesPerTouchpoint the log's own structures per touchpoint
   * @param members members of the window segment at the end (every lead, checked)
   */
  record WindowResult(int leads, int touchpointsPerLead, long bytesPerLead,
      long logBytesPerTouchpoint, long members) {}

  static WindowResult window(int leads, int perLead) {
    Touchpoint[][] byRound = new Touchpoint[perLead][];
    List<dev.leadkit.core.LeadInput> inputs = new ArrayList<>(leads);
    for (int i = 0; i < leads; i++) {
      inputs.add(dev.leadkit.core.LeadInput.email("lead-" + i + "@example.test")
          .consent(dev.leadkit.core.lead.Channel.EMAIL,
              dev.leadkit.core.lead.ConsentStatus.SUBSCRIBED, "form").build());
    }
    dev.leadkit.core.time.ManualClock clock = dev.leadkit.core.time.ManualClock.at(Data.T0);
    dev.leadkit.core.segment.SegmentsPlugin segments =
        dev.leadkit.core.segment.SegmentsPlugin.inMemory();
    dev.leadkit.scoring.ScoringPlugin scoring = dev.leadkit.scoring.ScoringPlugin.builder()
        .model(dev.leadkit.scoring.ScoringModel.custom("engagement").behaviour("any-page",
            dev.leadkit.core.predicate.TouchpointFilter.of(TouchpointType.PAGE_VIEW), 1)
            .build()).build();
    long base = usedAfterGc();
    LeadKit kit = LeadKit.builder().clock(clock).install(scoring).install(segments).build();
    segments.define(dev.leadkit.core.segment.SegmentDefinition.of("window", "views x" + perLead,
        dev.leadkit.core.predicate.Predicates.touchpoints(TouchpointType.PAGE_VIEW)
            .inLast(Duration.ofDays(90)).atLeast(perLead)));
    List<LeadId> ids = new ArrayList<>(leads);
    for (int from = 0; from < leads; from += 500) {
      for (dev.leadkit.core.UpsertResult r : kit.upsertLeads(inputs.subList(from,
          Math.min(leads, from + 500)))) {
        ids.add(r.lead().id());
      }
    }
    inputs = null;
    for (int j = 0; j < perLead; j++) {
      byRound[j] = new Touchpoint[leads];
      for (int i = 0; i < leads; i++) {
        byRound[j][i] = Touchpoint.forLead(ids.get(i), TouchpointType.PAGE_VIEW,
            Data.T0.plus(Duration.ofMinutes(j))).id("w-" + i + "-" + j)
            .url(Data.URLS[(i + j) % Data.URLS.length]).build();
      }
    }
    long touchpointsOnly = usedAfterGc() - base;
    for (int j = 0; j < perLead; j++) {
      clock.set(Data.T0.plus(Duration.ofMinutes(j)));
      for (Touchpoint t : byRound[j]) {
        kit.track(t);
      }
    }
    long engine = usedAfterGc() - base - touchpointsOnly;
    long members = segments.count(dev.leadkit.core.segment.SegmentId.of("window"));
    if (members != leads) {
      throw new IllegalStateException("window segment has " + members + " of " + leads);
    }
    kit = null;
    segments = null;
    long base2 = usedAfterGc();
    TouchpointLog log = InMemory.touchpointLog();
    for (Touchpoint[] round : byRound) {
      log.appendAll(java.util.Arrays.asList(round));
    }
    long logOnly = usedAfterGc() - base2;
    long n = (long) leads * perLead;
    if (log.count() != n || kit != null || segments != null) {
      throw new IllegalStateException("log lost touchpoints");
    }
    return new WindowResult(leads, perLead, (engine - logOnly) / leads, logOnly / n, members);
  }

  private static LeadKit kit(LeadStore store,
      dev.leadkit.core.segment.@org.jspecify.annotations.Nullable SegmentsPlugin segments) {
    dev.leadkit.core.time.ManualClock clock = dev.leadkit.core.time.ManualClock.at(Data.T0);
    LeadKit.Builder b = LeadKit.builder().clock(clock).leadStore(store)
        .touchpointLog(InMemory.touchpointLog());
    if (segments != null) {
      b.install(segments);
    }
    return b.build();
  }

  private static void feed(LeadKit kit, Touchpoint[] stream) {
    dev.leadkit.core.time.ManualClock clock = (dev.leadkit.core.time.ManualClock) kit.clock();
    long day = Long.MIN_VALUE;
    for (Touchpoint t : stream) {
      clock.set(t.at());
      long d = Math.floorDiv(t.at().toEpochMilli(), IncrementalSegmentBench.DAY_MS);
      if (d != day) {
        day = d;
        kit.runDue();
      }
      kit.track(t);
    }
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
