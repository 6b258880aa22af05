package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.journey.FrequencyCap;
import dev.leadkit.journey.port.SendLog;
import dev.leadkit.journey.port.SendRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Engines on several nodes reserving sends for one lead at once never break its cap. */
class SendLogCapConcurrencyTest {
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void concurrentReservationsForOneLeadStayWithinTheCap(Dialect d) throws Exception {
    String owner = getClass().getName();
    TestDatabases.emptySchema(d, owner);
    int nodes = 4;
    List<SendLog> logs = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      logs.add(TestDatabases.stores(d, owner).build().sendLog());
    }
    List<FrequencyCap> caps = List.of(new FrequencyCap(Channel.EMAIL, 3, Duration.ofDays(7)));
    Instant t0 = Instant.parse("2026-05-01T09:00:00Z");
    CyclicBarrier start = new CyclicBarrier(nodes);
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      List<Future<Integer>> reserved = new ArrayList<>();
      for (int n = 0; n < nodes; n++) {
        SendLog log = logs.get(n);
        int node = n;
        reserved.add(pool.submit(() -> {
          start.await();
          int mine = 0;
          for (int i = 0; i < 3; i++) {
            SendRecord r = new SendRecord(MessageKey.of("j:welcome:" + node + ":" + i),
                LeadId.of("lead-1"), Channel.EMAIL, "welcome", t0.plusSeconds(node * 10L + i),
                false, "welcome", "step-" + i);
            if (log.reserve(r, caps) == SendLog.Reservation.RESERVED) {
              mine++;
            }
          }
          return mine;
        }));
      }
      int total = 0;
      for (Future<Integer> f : reserved) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(3);
      assertThat(logs.get(0).forLead(LeadId.of("lead-1"), t0)).hasSize(3);
    } finally {
      pool.shutdownNow();
    }
  }
}
