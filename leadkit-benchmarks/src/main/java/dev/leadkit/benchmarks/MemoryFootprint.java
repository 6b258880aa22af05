package dev.leadkit.benchmarks;

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
