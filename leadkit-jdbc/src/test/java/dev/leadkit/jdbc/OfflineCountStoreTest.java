package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.measure.OfflineCount;
import dev.leadkit.core.measure.OfflineCountStore;
import dev.leadkit.core.measure.ReportPeriod;
import dev.leadkit.core.memory.InMemory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The offline figure store in memory and on every database: the same puts (with corrections of
 * earlier figures) give the same figures and the same period totals.
 */
class OfflineCountStoreTest {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");

  static Stream<Arguments> stores() {
    List<Arguments> out = new ArrayList<>();
    for (Dialect d : Dialect.values()) {
      out.add(Arguments.of(d));
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void databaseStoreAgreesWithTheInMemoryStore(Dialect d) {
    TestDatabases.emptySchema(d, getClass().getName());
    OfflineCountStore sql = TestDatabases.stores(d, getClass().getName()).build().offlineCounts();
    OfflineCountStore memory = InMemory.offlineCounts();
    Random r = new Random(7);
    for (int i = 0; i < 200; i++) {
      OfflineCount c = OfflineCount.of(r.nextBoolean() ? "booth_visitors" : "seminar_sheets",
          T0.plus(Duration.ofHours(r.nextInt(24 * 40))).plusNanos(r.nextInt(3) * 1_500L),
          r.nextInt(500));
      sql.put(c);
      memory.put(c);
    }
    for (String name : List.of("booth_visitors", "seminar_sheets", "unknown")) {
      assertThat(sql.find(name)).as(d + " " + name).isEqualTo(memory.find(name));
      for (int days = 1; days <= 40; days += 7) {
        ReportPeriod p = ReportPeriod.of(T0.plus(Duration.ofDays(days / 2)),
            T0.plus(Duration.ofDays(days)));
        assertThat(sql.total(name, p)).as(d + " " + name + " " + p)
            .isEqualTo(memory.total(name, p));
      }
    }
    assertThat(memory.find("booth_visitors")).hasSizeLessThan(200).hasSizeGreaterThan(50);
    // a correction replaces the value
    OfflineCount first = memory.find("booth_visitors").get(0);
    sql.put(OfflineCount.of(first.name(), first.at(), first.value() + 1));
    assertThat(sql.find("booth_visitors").get(0).value()).isEqualTo(first.value() + 1);
  }
}
