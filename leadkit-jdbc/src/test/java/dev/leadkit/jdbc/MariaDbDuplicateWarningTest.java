package dev.leadkit.jdbc;

import static dev.leadkit.jdbc.Fixtures.T0;
import static dev.leadkit.jdbc.Fixtures.lead;
import static dev.leadkit.jdbc.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.ConcurrentUpdateException;
import dev.leadkit.core.DuplicateLeadException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.scoring.ScoringModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ordinary duplicates on MariaDB raise no database error: the driver logs every error packet
 * ({@code WARN org.mariadb.jdbc.message.server.ErrorPacket - Error: 1062-23000: Duplicate
 * entry ...}), so a duplicate that reached a unique key would show up in the log. The tests log
 * through slf4j-simple, which writes to whatever {@code System.err} is at the time; each test
 * captures it around the work and first proves the capture sees a real key violation.
 */
class MariaDbDuplicateWarningTest {
  private static final String ERROR_PACKET = "org.mariadb.jdbc.message.server.ErrorPacket";

  private JdbcStores stores;

  @BeforeEach
  void setUp() {
    stores = TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build();
  }

  private static String stderrDuring(Runnable work) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.err.flush();
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static Touchpoint view(String id, int minute) {
    return Touchpoint.forLead(LeadId.of("lead-1"), TouchpointType.PAGE_VIEW,
        T0.plusSeconds(60L * minute)).id(id).url("/pricing").build();
  }

  @Test
  void theCaptureSeesTheDriversWarningForARealKeyViolation() {
    DataSource ds = TestDatabases.dataSource(Dialect.MARIADB);
    String touchpoints = stores.tablePrefix() + "touchpoints";
    stores.touchpointLog().append(view("tp-raw", 0));

    String log = stderrDuring(() -> {
      try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + touchpoints + " SELECT * FROM " + touchpoints
              + " WHERE id = 'tp-raw'")) {
        ps.executeUpdate();
      } catch (SQLException expected) {
        assertThat(Db.isUniqueViolation(expected)).isTrue();
        return;
      }
      throw new AssertionError("the duplicate insert went through");
    });

    assertThat(log).contains(ERROR_PACKET).contains("Duplicate entry 'tp-raw'");
  }

  @Test
  void duplicateTouchpointsAreIngestedOnceWithoutADatabaseError() {
    TouchpointLog tps = stores.touchpointLog();
    List<Touchpoint> first = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      first.add(view("tp-" + i, i));
    }
    assertThat(tps.appendAll(first)).hasSize(50);
    List<Touchpoint> again = new ArrayList<>(first.subList(40, 50));
    for (int i = 50; i < 60; i++) {
      again.add(view("tp-" + i, i));
    }
    List<List<Touchpoint>> recorded = new ArrayList<>();
    List<Boolean> single = new ArrayList<>();

    String log = stderrDuring(() -> {
      recorded.add(tps.appendAll(again));
      recorded.add(tps.appendAll(first));
      single.add(tps.append(view("tp-7", 7)));
    });

    assertThat(recorded.get(0)).extracting(t -> t.id().value())
        .containsExactlyElementsOf(again.subList(10, 20).stream().map(t -> t.id().value())
            .toList());
    assertThat(recorded.get(1)).isEmpty();
    assertThat(single).containsExactly(false);
    assertThat(tps.findById(TouchpointId.of("tp-55"))).isPresent();
    assertThat(tps.count()).isEqualTo(60);
    assertThat(log).doesNotContain(ERROR_PACKET).doesNotContain("Duplicate entry");
  }

  @Test
  void refusedDuplicateLeadsScoreStatesAndMessagesLogNoDatabaseError() {
    stores.leadStore().save(lead("l1", "a@example.com"));
    var model = ScoringModel.custom("engagement")
        .behaviour("view", TouchpointFilter.of(TouchpointType.PAGE_VIEW), 4).build().compile();
    stores.scoreStateStore().save(model.newState(LeadId.of("l1")));
    stores.outbox().enqueue(message("m-1", T0), T0);

    String log = stderrDuring(() -> {
      assertThatThrownBy(() -> stores.leadStore().save(lead("l1", "b@example.com")))
          .isInstanceOf(DuplicateLeadException.class);
      assertThatThrownBy(() -> stores.leadStore().save(lead("l2", "a@example.com")))
          .isInstanceOf(DuplicateLeadException.class);
      assertThatThrownBy(() -> stores.leadStore().saveAll(List.of(lead("l3", "c@example.com"),
          lead("l4", "a@example.com")))).isInstanceOf(DuplicateLeadException.class);
      assertThatThrownBy(() -> stores.scoreStateStore().save(model.newState(LeadId.of("l1"))))
          .isInstanceOf(ConcurrentUpdateException.class);
      assertThat(stores.outbox().enqueue(message("m-1", T0), T0)).isFalse();
    });

    assertThat(stores.leadStore().count()).isEqualTo(1);
    assertThat(log).doesNotContain(ERROR_PACKET).doesNotContain("Duplicate entry");
  }
}
