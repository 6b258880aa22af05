package dev.leadkit.jdbc;

import static dev.leadkit.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcTouchpointLogTest {
  private static final LeadId LEAD = LeadId.of("lead-1");

  private TouchpointLog log(Dialect d) {
    return TestDatabases.stores(d, getClass().getName()).build().touchpointLog();
  }

  static Touchpoint view(String id, LeadId lead, Instant at, String url) {
    return Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, at).id(id).url(url).build();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aTouchpointIdIsStoredOnceHoweverOftenItIsAppended(Dialect d) {
    TouchpointLog log = log(d);
    Touchpoint a = view("tp-a", LEAD, T0, "/pricing");
    Touchpoint b = view("tp-b", LEAD, T0.plusSeconds(1), "/docs");
    Touchpoint aAgain = view("tp-a", LEAD, T0.plusSeconds(99), "/other");

    assertThat(log.append(a)).isTrue();
    assertThat(log.append(a)).isFalse();
    assertThat(log.appendAll(List.of(b, aAgain, b))).containsExactly(b);
    assertThat(log.appendAll(List.of(a, b))).isEmpty();

    assertThat(log.count()).isEqualTo(2);
    assertThat(log.findById(TouchpointId.of("tp-a"))).contains(a);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aFailedBatchLeavesNothingBehindEvenAcrossStatements(Dialect d) {
    String owner = getClass().getName();
    TestDatabases.emptySchema(d, owner);
    String prefix = TestDatabases.emptySchema(d, owner);
    DataSource failing = Fixtures.failingOn(TestDatabases.dataSource(d),
        "INTO " + prefix + "touchpoints (", 2);
    TouchpointLog broken = JdbcStores.builder(failing).dialect(d).tablePrefix(prefix)
        .copyThreshold(Integer.MAX_VALUE).build().touchpointLog();
    // one row more than a statement takes, so that the touchpoints need two statements
    int perStatement = switch (d) {
      case POSTGRESQL -> PgArrayIngest.CHUNK;
      case MARIADB -> AbsentInserter.BULK_CHUNK;
      case H2 -> AbsentInserter.CHUNK;
    };
    List<Touchpoint> batch = new ArrayList<>();
    for (int i = 0; i < perStatement + 10; i++) {
      batch.add(view("tp-" + i, LEAD, T0.plusSeconds(i), "/p/" + i));
    }

    assertThatThrownBy(() -> broken.appendAll(batch)).isInstanceOf(JdbcException.class)
        .hasMessageContaining("injected failure");

    TouchpointLog log = TestDatabases.stores(d, owner).build().touchpointLog();
    assertThat(log.count()).isZero();
    assertThat(sideRows(d, prefix)).isZero();
    assertThat(log.appendAll(batch)).hasSize(batch.size());
    assertThat(sideRows(d, prefix)).isEqualTo(batch.size());
  }

  /**
   * A failure writing the property rows leaves no touchpoint either. Not on PostgreSQL: there
   * the touchpoints and their property rows are written by the same statement.
   */
  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"H2", "MARIADB"})
  void aFailedPropertyWriteLeavesNoTouchpointBehind(Dialect d) {
    String owner = getClass().getName();
    TestDatabases.emptySchema(d, owner);
    String prefix = TestDatabases.emptySchema(d, owner);
    DataSource failing = Fixtures.failingOn(TestDatabases.dataSource(d),
        "INTO " + prefix + "touchpoint_properties (", 1);
    TouchpointLog broken = JdbcStores.builder(failing).dialect(d).tablePrefix(prefix).build()
        .touchpointLog();
    List<Touchpoint> batch = List.of(view("tp-1", LEAD, T0, "/p/1"),
        view("tp-2", LEAD, T0.plusSeconds(1), "/p/2"));

    assertThatThrownBy(() -> broken.appendAll(batch)).isInstanceOf(JdbcException.class)
        .hasMessageContaining("injected failure");

    TouchpointLog log = TestDatabases.stores(d, owner).build().touchpointLog();
    assertThat(log.count()).isZero();
    assertThat(sideRows(d, prefix)).isZero();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aDuplicateAddsNoPropertyRows(Dialect d) {
    String owner = getClass().getName();
    TestDatabases.emptySchema(d, owner);
    String prefix = TestDatabases.emptySchema(d, owner);
    TouchpointLog log = JdbcStores.builder(TestDatabases.dataSource(d)).dialect(d)
        .tablePrefix(prefix).build().touchpointLog();
    Touchpoint first = view("tp-1", LEAD, T0, "/first");
    Touchpoint again = view("tp-1", LEAD, T0, "/second");

    assertThat(log.appendAll(List.of(first))).containsExactly(first);
    assertThat(log.appendAll(List.of(again, view("tp-2", LEAD, T0, "/p/2")))).hasSize(1);

    assertThat(sideRows(d, prefix)).isEqualTo(2);
    try (Connection c = TestDatabases.dataSource(d).getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT prop_value FROM " + prefix
            + "touchpoint_properties WHERE touchpoint_id = 'tp-1'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("/first");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void overlappingConcurrentBatchesInsertEachIdOnceWithItsPropertyRows(Dialect d)
      throws Exception {
    String owner = getClass().getName();
    TestDatabases.emptySchema(d, owner);
    String prefix = TestDatabases.emptySchema(d, owner);
    TouchpointLog log = JdbcStores.builder(TestDatabases.dataSource(d)).dialect(d)
        .tablePrefix(prefix).build().touchpointLog();
    // four writers, each batch overlapping the next one's by half
    List<List<Touchpoint>> batches = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      List<Touchpoint> b = new ArrayList<>();
      for (int i = w * 300; i < w * 300 + 600; i++) {
        b.add(view("tp-" + i, LEAD, T0.plusSeconds(i), "/p/" + i));
      }
      batches.add(b);
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<List<Touchpoint>>> results = new ArrayList<>();
      for (List<Touchpoint> b : batches) {
        results.add(pool.submit(() -> {
          start.await();
          return log.appendAll(b);
        }));
      }
      start.countDown();
      java.util.Set<TouchpointId> inserted = new java.util.HashSet<>();
      int total = 0;
      for (java.util.concurrent.Future<List<Touchpoint>> f : results) {
        List<Touchpoint> got = f.get(2, java.util.concurrent.TimeUnit.MINUTES);
        total += got.size();
        got.forEach(t -> inserted.add(t.id()));
      }
      assertThat(total).isEqualTo(1_500);
      assertThat(inserted).hasSize(1_500);
      assertThat(log.count()).isEqualTo(1_500);
      assertThat(sideRows(d, prefix)).isEqualTo(1_500);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long sideRows(Dialect d, String prefix) {
    try (Connection c = TestDatabases.dataSource(d).getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + prefix
            + "touchpoint_properties")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void leadQueriesFilterByTypeAndHalfOpenWindowInTimeThenIdOrder(Dialect d) {
    TouchpointLog log = log(d);
    Touchpoint v1 = view("b-view", LEAD, T0, "/a");
    Touchpoint v2 = view("a-view", LEAD, T0, "/b");
    Touchpoint dl = Touchpoint.forLead(LEAD, TouchpointType.ASSET_DOWNLOADED, T0.plusSeconds(60))
        .id("dl").property(PropertyKey.ASSET, "whitepaper \"2026\", v2").build();
    Touchpoint late = view("late", LEAD, T0.plusSeconds(120), "/c");
    Touchpoint other = view("other", LeadId.of("lead-2"), T0, "/a");
    log.appendAll(List.of(late, dl, v1, other, v2));

    assertThat(log.findByLead(LEAD, TouchpointQuery.all())).containsExactly(v2, v1, dl, late);
    assertThat(log.findByLead(LEAD, TouchpointQuery.ofTypes(TouchpointType.PAGE_VIEW)
        .between(T0, T0.plusSeconds(120)))).containsExactly(v2, v1);
    assertThat(log.findByLead(LEAD, TouchpointQuery.all().since(T0.plusSeconds(60))))
        .containsExactly(dl, late);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void attributingAVisitorClaimsOnlyItsUnattributedTouchpoints(Dialect d) {
    TouchpointLog log = log(d);
    VisitorId visitor = VisitorId.of("cookie-1");
    Touchpoint anon1 = Touchpoint.forVisitor(visitor, TouchpointType.PAGE_VIEW, T0).id("v1")
        .build();
    Touchpoint anon2 = Touchpoint.forVisitor(visitor, TouchpointType.PAGE_VIEW,
        T0.plusSeconds(5)).id("v2").build();
    Touchpoint known = Touchpoint.forLead(LeadId.of("lead-9"), TouchpointType.FORM_SUBMITTED,
        T0.plusSeconds(9)).visitor(visitor).id("v3").build();
    log.appendAll(List.of(anon1, anon2, known));

    assertThat(log.attributeVisitor(visitor, LEAD)).isEqualTo(2);
    assertThat(log.attributeVisitor(visitor, LEAD)).isZero();
    assertThat(log.findByLead(LEAD, TouchpointQuery.all()))
        .containsExactly(anon1.withLead(LEAD), anon2.withLead(LEAD));
    assertThat(log.findByVisitor(visitor))
        .containsExactly(anon1.withLead(LEAD), anon2.withLead(LEAD), known);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void concurrentOverlappingBatchesStoreAndReportEveryIdExactlyOnce(Dialect d) throws Exception {
    TouchpointLog log = log(d);
    int writers = 4;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(writers);
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(writers);
    List<java.util.concurrent.Future<List<Touchpoint>>> results = new ArrayList<>();
    try {
      for (int w = 0; w < writers; w++) {
        int writer = w;
        results.add(pool.submit(() -> {
          // every writer sends ids 0..199, each in its own shuffled order and batch cuts
          List<Touchpoint> all = new ArrayList<>();
          for (int i = 0; i < 200; i++) {
            all.add(view("c-" + i, LEAD, T0.plusSeconds(i), "/c"));
          }
          java.util.Collections.shuffle(all, new java.util.Random(writer));
          start.await();
          List<Touchpoint> mine = new ArrayList<>();
          for (int from = 0; from < all.size(); from += 30 + writer * 7) {
            mine.addAll(log.appendAll(all.subList(from,
                Math.min(all.size(), from + 30 + writer * 7))));
          }
          return mine;
        }));
      }
      List<TouchpointId> reported = new ArrayList<>();
      for (java.util.concurrent.Future<List<Touchpoint>> f : results) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS).forEach(t -> reported.add(t.id()));
      }
      assertThat(reported).hasSize(200).doesNotHaveDuplicates();
      assertThat(log.count()).isEqualTo(200);
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void timesAreKeptToTheMicrosecondInReturnedAndStoredCopies(Dialect d) {
    TouchpointLog log = log(d);
    Touchpoint t = view("nano", LEAD, Instant.parse("2026-03-01T23:59:59.999999999Z"), "/x");

    List<Touchpoint> added = log.appendAll(List.of(t));

    assertThat(added.get(0).at()).isEqualTo(Instant.parse("2026-03-01T23:59:59.999999Z"));
    assertThat(log.findById(t.id())).contains(added.get(0));
  }
}
