package dev.leadkit.jdbc;

import static dev.leadkit.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Touchpoints stored before schema version 40 have no numeric column: the migration fills it
 * from the values that are plain decimals, so numeric filters push down over old history too.
 */
class TouchpointNumbersMigrationTest {
  private static final Migration V40 = Migration.ALL.stream().filter(m -> m.version() == 40)
      .findFirst().orElseThrow();
  private static final Predicate LONG_READS =
      PredicateText.parse("count(page_view where seconds >= 60) >= 1");

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void rowsWrittenBeforeVersionFortyAreBackFilled(Dialect d) {
    TestDatabases.emptySchema(d, getClass().getName());
    JdbcStores stores = TestDatabases.stores(d, getClass().getName())
        .leadCache(LeadCache.disabled()).build();
    DataSource ds = TestDatabases.dataSource(d);
    List<String> values = List.of("60", "75.25", "059", "1e3", "60s", "-120",
        "999999999999999999.999999999999", "1234567890123456789");
    List<Touchpoint> ts = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String id = "lead-" + i;
      stores.leadStore().save(Fixtures.lead(id, id + "@example.com"));
      ts.add(Touchpoint.forLead(LeadId.of(id), TouchpointType.PAGE_VIEW, T0).id("t" + i)
          .property(PropertyKey.SECONDS, values.get(i)).build());
    }
    stores.touchpointLog().appendAll(ts);
    List<LeadId> expected = List.of(LeadId.of("lead-0"), LeadId.of("lead-1"),
        LeadId.of("lead-6"));
    assertThat(stores.segmentQuery().matching(LONG_READS, T0, null, 100).leads())
        .containsExactlyElementsOf(expected);

    // as a version 11 node would have left them
    TestDatabases.execute(ds, "UPDATE " + stores.tablePrefix()
        + "touchpoint_properties SET num_value = NULL");
    assertThat(stores.segmentQuery().matching(LONG_READS, T0, null, 100).leads()).isEmpty();

    TestDatabases.execute(ds, V40.statements(d, stores.tablePrefix()).toArray(String[]::new));

    assertThat(stores.segmentQuery().matching(LONG_READS, T0, null, 100).leads())
        .containsExactlyElementsOf(expected);
    assertThat(stores.segmentQuery().count(
        PredicateText.parse("count(page_view where seconds < 0) >= 1"), T0)).isEqualTo(1);
  }
}
