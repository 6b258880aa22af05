package dev.leadkit.jdbc;

import static dev.leadkit.jdbc.Fixtures.T0;
import static dev.leadkit.jdbc.Fixtures.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.ConcurrentUpdateException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.port.LeadStore;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CachingLeadStoreTest {
  private String prefix;

  private JdbcStores.Builder stores(Dialect d) {
    prefix = TestDatabases.emptySchema(d, getClass().getName());
    return JdbcStores.builder(TestDatabases.dataSource(d)).dialect(d).tablePrefix(prefix);
  }

  private void changeStageBehindTheStoresBack(Dialect d, String id) {
    TestDatabases.execute(TestDatabases.dataSource(d), "UPDATE " + prefix
        + "leads SET stage = 'MQL' WHERE id = '" + id + "'");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void repeatedReadsAreServedFromTheCacheUntilTheStoreWrites(Dialect d) {
    LeadStore store = stores(d).leadCache(LeadCache.unexpiring(100)).build().leadStore();
    Lead saved = store.save(lead("c-1", "c1@example.com"));
    assertThat(store.findById(saved.id())).contains(saved);
    assertThat(store.findByEmail(saved.email())).contains(saved);

    changeStageBehindTheStoresBack(d, "c-1");

    assertThat(store.findById(saved.id()).orElseThrow().stage()).isEqualTo(LifecycleStage.KNOWN);
    assertThat(store.findByEmail(saved.email()).orElseThrow().stage())
        .isEqualTo(LifecycleStage.KNOWN);
    Lead fresh = store.save(saved.withAttributes(saved.attributes().with(AttributeKey.TITLE,
        "CFO"), T0.plusSeconds(1)));
    assertThat(store.findById(saved.id())).contains(fresh);
    assertThat(((CachingLeadStore) store).cachedLeads()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aDisabledCacheReadsTheDatabaseEveryTime(Dialect d) {
    LeadStore store = stores(d).leadCache(LeadCache.disabled()).build().leadStore();
    Lead saved = store.save(lead("c-1", "c1@example.com"));
    store.findById(saved.id());

    changeStageBehindTheStoresBack(d, "c-1");

    assertThat(store).isInstanceOf(JdbcLeadStore.class);
    assertThat(store.findById(saved.id()).orElseThrow().stage()).isEqualTo(LifecycleStage.MQL);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aStaleSaveOnOneNodeEvictsSoItsRetryReadsTheOtherNodesWrite(Dialect d) {
    JdbcStores.Builder b = stores(d);
    LeadStore nodeA = b.leadCache(LeadCache.unexpiring(100)).build().leadStore();
    LeadStore nodeB = JdbcStores.builder(TestDatabases.dataSource(d)).dialect(d)
        .tablePrefix(prefix).leadCache(LeadCache.disabled()).build().leadStore();
    Lead v1 = nodeA.save(lead("c-1", "c1@example.com"));
    nodeA.findById(v1.id());
    Lead v2 = nodeB.save(v1.withAttributes(v1.attributes().with(AttributeKey.TITLE, "CTO"),
        T0.plusSeconds(1)));

    Lead seenByA = nodeA.findById(v1.id()).orElseThrow();
    assertThatThrownBy(() -> nodeA.save(seenByA.withOwner(java.util.Optional.of(
        dev.leadkit.core.lead.OwnerId.of("rep-1")), T0.plusSeconds(2))))
        .isInstanceOf(ConcurrentUpdateException.class);

    assertThat(nodeA.findById(v1.id())).contains(v2);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void anAddressThatMovedToAnotherLeadFindsTheNewHolder(Dialect d) {
    LeadStore store = stores(d).leadCache(LeadCache.unexpiring(100)).build().leadStore();
    Lead one = store.save(lead("one", "x@example.com"));
    assertThat(store.findByEmail(EmailAddress.parse("x@example.com"))).contains(one);

    store.save(one.withEmail(EmailAddress.parse("y@example.com"), T0.plusSeconds(1)));
    Lead two = store.saveAll(List.of(lead("two", "x@example.com"))).get(0);

    assertThat(store.findByEmail(EmailAddress.parse("x@example.com"))).contains(two);
    assertThat(store.findByEmail(EmailAddress.parse("y@example.com")).orElseThrow().id())
        .isEqualTo(one.id());
  }
}
