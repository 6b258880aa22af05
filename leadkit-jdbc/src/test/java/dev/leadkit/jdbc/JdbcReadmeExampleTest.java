package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.identity.Identity;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.Journeys;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringPlugin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The README's JDBC examples, compiled and run on H2 (the blocks between the tags). */
class JdbcReadmeExampleTest {
  @Test
  void theReadmeExampleStoresLeadsInTheDatabase() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:readme-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    DataSource dataSource = h2;
    Mailer myMailer = new RecordingMailer();
    byte[] pepper = new byte[32];
    ScoringModel model = ScoringModel.custom("engagement")
        .behaviour("views", TouchpointFilter.of(TouchpointType.PAGE_VIEW), 1).build();
    // tag::jdbc[]
    JdbcStores stores = JdbcStores.builder(dataSource)    // dialect detected from the database
        .tablePrefix("lk_")                               // leadkit's tables beside your own
        .leadCache(LeadCache.of(10_000, Duration.ofSeconds(5)))
        .installSchema()                                  // or let Flyway run the scripts
        .build();

    LeadKit kit = LeadKit.builder()
        .stores(stores)                 // every port of the engine and of every plugin
        .mailer(myMailer)               // required: durable stores never fall back to a recorder
        .install(Identity.custom().suppressionPepper(pepper).build())
        .install(ScoringPlugin.builder().model(model).build())
        .install(SegmentsPlugin.builder().build())
        .install(Journeys.builder().build())
        .build();
    // end::jdbc[]
    LeadId lead = kit.upsertLead(LeadInput.email("taro@example.co.jp").build()).lead().id();

    assertThat(stores.dialect()).isEqualTo(Dialect.H2);
    assertThat(JdbcStores.builder(dataSource).tablePrefix("lk_").build().leadStore().count())
        .isEqualTo(1);
    assertThat(SchemaInstaller.builder(dataSource).tablePrefix("lk_").build().pendingVersions())
        .isEmpty();

    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id VARCHAR(20) PRIMARY KEY, lead_email VARCHAR(100))");
    }
    String orderId = "o-1";
    String email = "taro@example.co.jp";
    Touchpoint purchase = Touchpoint.forLead(lead, TouchpointType.PURCHASE, Instant.now())
        .id("purchase-o-1").build();
    // tag::in-transaction[]
    kit.inTransaction(() -> {
      try (PreparedStatement ps = stores.currentConnection().prepareStatement(
          "INSERT INTO orders (id, lead_email) VALUES (?, ?)")) {
        ps.setString(1, orderId);
        ps.setString(2, email);
        ps.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return kit.track(purchase);       // rolled back with the order if anything fails
    });
    // end::in-transaction[]
    assertThat(count(dataSource, "orders")).isEqualTo(1);
    assertThat(kit.touchpointLog().findByLead(lead, TouchpointQuery.all())).hasSize(1);

    Crm crm = new Crm();
    Order order = new Order("o-2", email);
    Touchpoint secondPurchase = Touchpoint.forLead(lead, TouchpointType.PURCHASE, Instant.now())
        .id("purchase-o-2").build();
    try (Connection connection = dataSource.getConnection()) {
      rollingBack(connection, stores, kit, crm, order, secondPurchase);
      assertThat(count(dataSource, "orders")).isEqualTo(1);
      assertThat(kit.touchpointLog().findByLead(lead, TouchpointQuery.all())).hasSize(1);
      committing(connection, stores, kit, crm, order, secondPurchase);
    }
    assertThat(count(dataSource, "orders")).isEqualTo(2);
    assertThat(kit.touchpointLog().findByLead(lead, TouchpointQuery.all())).hasSize(2);
    assertThatThrownBy(stores::currentConnection)
        .hasMessageContaining("no leadkit transaction is bound");
  }

  private static void rollingBack(Connection connection, JdbcStores stores, LeadKit kit,
      Crm crm, Order order, Touchpoint purchase) throws SQLException {
    connection.setAutoCommit(false);
    stores.joining(connection, () -> {
      crm.save(connection, order);
      return kit.track(purchase);
    });
    connection.rollback();
    connection.setAutoCommit(true);
  }

  private static void committing(Connection connection, JdbcStores stores, LeadKit kit,
      Crm crm, Order order, Touchpoint purchase) throws SQLException {
    // tag::joining[]
    connection.setAutoCommit(false);
    stores.joining(connection, () -> {
      crm.save(connection, order);
      return kit.track(purchase);
    });
    connection.commit();              // or rollback(): leadkit's writes go with yours
    // end::joining[]
    connection.setAutoCommit(true);
  }

  private record Order(String id, String email) {}

  /** The host's own repository, writing on the connection it is given. */
  private static final class Crm {
    void save(Connection c, Order order) {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO orders (id, lead_email) VALUES (?, ?)")) {
        ps.setString(1, order.id());
        ps.setString(2, order.email());
        ps.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static long count(DataSource ds, String table) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
