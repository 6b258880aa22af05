package dev.leadkit.jdbc;

import static dev.leadkit.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The COPY bulk-ingest path, which exists only on PostgreSQL. */
class PostgresCopyIngestTest {
  private static final Dialect PG = Dialect.POSTGRESQL;

  private TouchpointLog copyingLog() {
    return TestDatabases.stores(PG, getClass().getName()).copyThreshold(50).build()
        .touchpointLog();
  }

  private static List<Touchpoint> batch(int from, int to) {
    List<Touchpoint> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Touchpoint.Builder b = i % 3 == 0
          ? Touchpoint.forVisitor(VisitorId.of("v-" + i % 7), TouchpointType.PAGE_VIEW,
              T0.plusMillis(i))
          : Touchpoint.forLead(LeadId.of("lead-" + i % 11), TouchpointType.EMAIL_CLICKED,
              T0.plusMillis(i));
      out.add(b.id("tp-" + i).url("/p?a=1,b=\"2\"\n\\x\t" + i)
          .property(PropertyKey.CAMPAIGN, "spring, \"sale\"").build());
    }
    return out;
  }

  @Test
  void bulkIngestByCopyIsIdempotentAndReportsOnlyNewTouchpoints() {
    TouchpointLog log = copyingLog();
    List<Touchpoint> first = batch(0, 600);
    assertThat(log.appendAll(first)).containsExactlyElementsOf(first);

    List<Touchpoint> second = batch(300, 900);
    List<Touchpoint> added = log.appendAll(second);

    assertThat(added).containsExactlyElementsOf(second.subList(300, 600));
    assertThat(log.count()).isEqualTo(900);
    assertThat(log.findById(first.get(5).id())).contains(first.get(5));
    assertThat(log.findByLead(LeadId.of("lead-1"), TouchpointQuery.all()))
        .isSortedAccordingTo(java.util.Comparator.comparing(Touchpoint::at));
  }

  @Test
  void aFailedCopyBatchLeavesNothingBehind() {
    String prefix = TestDatabases.emptySchema(PG, getClass().getName());
    DataSource failing = Fixtures.failingOn(TestDatabases.dataSource(PG),
        "FROM leadkit_touchpoints_stage", 1);
    TouchpointLog broken = JdbcStores.builder(failing).dialect(PG).tablePrefix(prefix)
        .copyThreshold(10).build().touchpointLog();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> broken.appendAll(batch(0, 100)))
        .isInstanceOf(JdbcException.class);

    assertThat(copyingLog().count()).isZero();
  }
}
