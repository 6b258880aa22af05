package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The README's JDBC example, compiled and run on H2 (the block between the tags). */
class JdbcReadmeExampleTest {
  @Test
  void theReadmeExampleStoresLeadsInTheDatabase() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:readme-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    DataSource dataSource = h2;
    // tag::jdbc[]
    JdbcStores stores = JdbcStores.builder(dataSource)    // dialect detected from the database
        .tablePrefix("lk_")                               // leadkit's tables beside your own
        .leadCache(LeadCache.of(10_000, Duration.ofSeconds(5)))
        .installSchema()                                  // or let Flyway run the scripts
        .build();

    LeadKit kit = LeadKit.builder()
        .leadStore(stores.leadStore())
        .touchpointLog(stores.touchpointLog())
        .outbox(stores.outbox())
        .build();
    // end::jdbc[]
    kit.upsertLead(LeadInput.email("taro@example.co.jp").build());

    assertThat(stores.dialect()).isEqualTo(Dialect.H2);
    assertThat(JdbcStores.builder(dataSource).tablePrefix("lk_").build().leadStore().count())
        .isEqualTo(1);
    assertThat(SchemaInstaller.builder(dataSource).tablePrefix("lk_").build().pendingVersions())
        .isEmpty();
  }
}
