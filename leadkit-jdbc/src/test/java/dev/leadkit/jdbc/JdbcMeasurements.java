package dev.leadkit.jdbc;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rough throughput numbers for the issue note, not a test and not a benchmark: one warm-up pass,
 * then one timed pass per operation on whatever databases the test environment variables
 * select. Leads in batches of 500, touchpoints in batches of 1,000 (COPY: 10,000), the outbox
 * drained by four threads claiming 50 at a time, each completion its own transaction. Run with
 * {@code ./mvnw -pl leadkit-jdbc exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.leadkit.jdbc.JdbcMeasurements}.
 */
public final class JdbcMeasurements {
  private JdbcMeasurements() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    int leads = 5_000;
    int touchpoints = 40_000;
    int messages = 4_000;
    System.out.printf("%-10s %14s %16s %16s %16s %16s%n", "database", "leads/s",
        "touchpoints/s", "tp COPY/s", "dup tp/s", "outbox msgs/s");
    for (Dialect d : Dialect.values()) {
      try {
        TestDatabases.dataSource(d);
      } catch (RuntimeException | Error e) {
        System.out.printf("%-10s not run: %s%n", d.displayName(), e.getMessage());
        continue;
      }
      // one untimed pass warms up the JIT, the pool and the server's caches
      measure(d, "warmup", leads, touchpoints, messages, false);
      measure(d, "measure", leads, touchpoints, messages, true);
    }
    TestDatabases.dropAll();
  }

  private static void measure(Dialect d, String owner, int leads, int touchpoints,
      int messages, boolean print) throws Exception {
    {
      String prefix = TestDatabases.emptySchema(d, owner);
      JdbcStores stores = JdbcStores.builder(TestDatabases.dataSource(d)).dialect(d)
          .tablePrefix(prefix).copyThreshold(Integer.MAX_VALUE).build();
      List<Lead> batch = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < leads; i++) {
        batch.add(Fixtures.richLead(String.format("lead-%06d", i), "m" + i + "@example.com"));
        if (batch.size() == 500) {
          stores.leadStore().saveAll(batch);
          batch.clear();
        }
      }
      double leadRate = leads / seconds(t0);

      List<Touchpoint> tps = touchpoints(touchpoints, "a");
      TouchpointLog log = stores.touchpointLog();
      t0 = System.nanoTime();
      for (int i = 0; i < tps.size(); i += 1000) {
        log.appendAll(tps.subList(i, i + 1000));
      }
      double tpRate = touchpoints / seconds(t0);
      t0 = System.nanoTime();
      for (int i = 0; i < tps.size(); i += 1000) {
        log.appendAll(tps.subList(i, i + 1000));
      }
      double dupRate = touchpoints / seconds(t0);
      String copyRate = "-";
      if (d == Dialect.POSTGRESQL) {
        TouchpointLog copying = JdbcStores.builder(TestDatabases.dataSource(d)).dialect(d)
            .tablePrefix(prefix).copyThreshold(1000).build().touchpointLog();
        List<Touchpoint> more = touchpoints(touchpoints, "b");
        t0 = System.nanoTime();
        for (int i = 0; i < more.size(); i += 10_000) {
          copying.appendAll(more.subList(i, i + 10_000));
        }
        copyRate = String.format("%,.0f", touchpoints / seconds(t0));
      }

      Outbox outbox = stores.outbox();
      List<OutboundMessage> msgs = new ArrayList<>();
      for (int i = 0; i < messages; i++) {
        msgs.add(Fixtures.message("m:" + i, Fixtures.T0));
      }
      outbox.enqueueAll(msgs, Fixtures.T0);
      Instant now = Fixtures.T0.plusSeconds(1);
      AtomicInteger sent = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      t0 = System.nanoTime();
      List<Future<?>> fs = new ArrayList<>();
      for (int n = 0; n < 4; n++) {
        fs.add(pool.submit(() -> {
          while (true) {
            List<OutboxEntry> b = outbox.claim(now, 50, Duration.ofMinutes(1));
            if (b.isEmpty()) {
              return null;
            }
            for (OutboxEntry e : b) {
              if (outbox.markSent(e.key(), e.claimToken().orElseThrow(), now, "p")) {
                sent.incrementAndGet();
              }
            }
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      double msgRate = sent.get() / seconds(t0);
      pool.shutdown();
      if (!print) {
        return;
      }
      System.out.printf("%-10s %,14.0f %,16.0f %16s %,16.0f %,16.0f%n", d.displayName(),
          leadRate, tpRate, copyRate, dupRate, msgRate);
    }
  }

  private static List<Touchpoint> touchpoints(int n, String tag) {
    List<Touchpoint> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Touchpoint.forLead(LeadId.of(String.format("lead-%06d", i % 5000)),
          TouchpointType.PAGE_VIEW, Fixtures.T0.plusMillis(i)).id(tag + "-" + i)
          .url("/products/" + (i % 40)).build());
    }
    return out;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
