package dev.leadkit.jdbc;

import static dev.leadkit.jdbc.Fixtures.T0;
import static dev.leadkit.jdbc.Fixtures.lead;
import static dev.leadkit.jdbc.Fixtures.richLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.ConcurrentUpdateException;
import dev.leadkit.core.DuplicateLeadException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.LeadStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcLeadStoreTest {
  private String prefix;

  private LeadStore store(Dialect d) {
    JdbcStores.Builder b = TestDatabases.stores(d, getClass().getName());
    prefix = TestDatabases.emptySchema(d, getClass().getName());
    return b.leadCache(LeadCache.disabled()).build().leadStore();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aLeadWithEveryKindOfValueReadsBackAsSaved(Dialect d) {
    LeadStore store = store(d);
    Lead saved = store.save(richLead("lead-1", "taro@example.co.jp"));

    assertThat(saved.version()).isEqualTo(1);
    assertThat(store.findById(LeadId.of("lead-1"))).contains(saved);
    assertThat(store.findByEmail(EmailAddress.parse("TARO@example.co.jp"))).contains(saved);
    assertThat(saved.sameContent(richLead("lead-1", "taro@example.co.jp"))).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void timesAreStoredAsUtcInstantsWhateverTheJvmZone(Dialect d) throws Exception {
    LeadStore store = store(d);
    Instant created = Instant.parse("2026-03-01T00:30:00.123456789Z");
    Lead l = Lead.create(LeadId.of("tz-1"), EmailAddress.parse("tz@example.com"),
        dev.leadkit.core.lead.Attributes.empty(), created);

    Lead saved = store.save(l);

    assertThat(saved.createdAt()).isEqualTo(Instant.parse("2026-03-01T00:30:00.123456Z"));
    assertThat(store.findById(l.id()).orElseThrow().createdAt()).isEqualTo(saved.createdAt());
    String sql = switch (d) {
      case POSTGRESQL -> "SELECT to_char(created_at AT TIME ZONE 'UTC', "
          + "'YYYY-MM-DD HH24:MI:SS.US') FROM " + prefix + "leads";
      case MARIADB -> "SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f') FROM " + prefix
          + "leads";
      case H2 -> "SELECT CAST(created_at AS VARCHAR) FROM " + prefix + "leads";
    };
    try (Connection c = TestDatabases.dataSource(d).getConnection();
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      assertThat(rs.getString(1)).as("raw column in JVM zone %s", TimeZone.getDefault().getID())
          .startsWith("2026-03-01 00:30:00.123456");
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void savingFromAStaleCopyFailsAndChangesNothing(Dialect d) {
    LeadStore store = store(d);
    Lead v1 = store.save(lead("lead-1", "a@example.com"));
    Lead v2 = store.save(v1.withAttributes(v1.attributes().with(AttributeKey.TITLE, "CTO"),
        T0.plusSeconds(1)));

    assertThatThrownBy(() -> store.save(v1.withAttributes(
        v1.attributes().with(AttributeKey.TITLE, "CEO"), T0.plusSeconds(2))))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("version 1").hasMessageContaining("version 2");
    assertThat(store.findById(v1.id())).contains(v2);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void savingAnUpdateOfALeadThatIsNotStoredIsAConcurrentUpdate(Dialect d) {
    LeadStore store = store(d);
    Lead ghost = lead("ghost", "ghost@example.com").withVersion(3);

    assertThatThrownBy(() -> store.save(ghost)).isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.count()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aNewLeadWithATakenAddressOrIdIsADuplicate(Dialect d) {
    LeadStore store = store(d);
    store.save(lead("lead-1", "a@example.com"));

    assertThatThrownBy(() -> store.save(lead("lead-2", "a@example.com")))
        .isInstanceOf(DuplicateLeadException.class).hasMessageContaining("a@example.com");
    assertThatThrownBy(() -> store.save(lead("lead-1", "b@example.com")))
        .isInstanceOf(DuplicateLeadException.class).hasMessageContaining("lead-1");
    assertThat(store.count()).isEqualTo(1);
    assertThat(store.findByEmail(EmailAddress.parse("b@example.com"))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aBatchWithOneBadLeadWritesNone(Dialect d) {
    LeadStore store = store(d);
    Lead stored = store.save(lead("lead-1", "a@example.com"));
    List<Lead> batch = List.of(lead("lead-2", "b@example.com"),
        stored.withAttributes(stored.attributes().with(AttributeKey.TITLE, "x"), T0),
        lead("lead-3", "a@example.com"));

    assertThatThrownBy(() -> store.saveAll(batch)).isInstanceOf(DuplicateLeadException.class);
    assertThat(store.count()).isEqualTo(1);
    assertThat(store.findById(stored.id())).contains(stored);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void twoLeadsMaySwapAddressesInOneBatch(Dialect d) {
    LeadStore store = store(d);
    List<Lead> v1 = store.saveAll(List.of(lead("a", "x@example.com"),
        lead("b", "y@example.com")));

    List<Lead> v2 = store.saveAll(List.of(
        v1.get(0).withEmail(EmailAddress.parse("y@example.com"), T0.plusSeconds(1)),
        v1.get(1).withEmail(EmailAddress.parse("x@example.com"), T0.plusSeconds(1))));

    assertThat(store.findByEmail(EmailAddress.parse("y@example.com"))).contains(v2.get(0));
    assertThat(store.findByEmail(EmailAddress.parse("x@example.com"))).contains(v2.get(1));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void pagesWalkEveryLeadInJavaStringOrderOfIds(Dialect d) {
    LeadStore store = store(d);
    Random r = new Random(7);
    String alphabet = "aAbBzZ09-_.:";
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      StringBuilder id = new StringBuilder();
      for (int k = 0; k < 1 + r.nextInt(4); k++) {
        id.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      id.append(i);
      leads.add(lead(id.toString(), "p" + i + "@example.com"));
    }
    store.saveAll(leads);

    List<LeadId> walked = new ArrayList<>();
    LeadId after = null;
    while (true) {
      List<Lead> page = store.page(after, 7);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(l -> walked.add(l.id()));
      after = page.get(page.size() - 1).id();
    }
    assertThat(walked).containsExactlyElementsOf(
        leads.stream().map(Lead::id).sorted(Comparator.naturalOrder()).toList());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void bulkReadsReturnOnlyStoredLeadsAndDeleteRemoves(Dialect d) {
    LeadStore store = store(d);
    store.saveAll(List.of(lead("a", "a@example.com"), lead("b", "b@example.com")));

    assertThat(store.findAllById(List.of(LeadId.of("b"), LeadId.of("zz"), LeadId.of("a"))))
        .containsOnlyKeys(LeadId.of("a"), LeadId.of("b"));
    assertThat(store.findAllByEmail(List.of(EmailAddress.parse("a@example.com"),
        EmailAddress.parse("nobody@example.com")))).containsOnlyKeys(
        EmailAddress.parse("a@example.com"));
    assertThat(store.delete(LeadId.of("a"))).isTrue();
    assertThat(store.delete(LeadId.of("a"))).isFalse();
    assertThat(store.count()).isEqualTo(1);
    assertThat(store.findByEmail(EmailAddress.parse("a@example.com"))).isEmpty();
  }
}
