package dev.leadkit.jdbc;

import static dev.leadkit.jdbc.Fixtures.T0;
import static dev.leadkit.jdbc.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.NotSentReason;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.OutboxEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Entries finished before schema version 10 have no stored reason: the migration derives one
 * from the dispatcher's own texts, and a reader that still finds none says OTHER.
 */
class OutboxReasonMigrationTest {
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Migration V10 = Migration.ALL.stream().filter(m -> m.version() == 10)
      .findFirst().orElseThrow();

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void rowsFinishedBeforeVersionTenGetASensibleReason(Dialect d) {
    JdbcStores stores = TestDatabases.stores(d, getClass().getName()).build();
    Outbox outbox = stores.outbox();
    DataSource ds = TestDatabases.dataSource(d);
    String table = stores.tablePrefix() + "outbox";
    outbox.enqueueAll(List.of(message("gone", T0), message("unsub", T0), message("host", T0),
        message("dead", T0), message("pending", T0), message("sent", T0)), T0);
    outbox.cancel(MessageKey.of("gone"), T0, NotSentReason.LEAD_MISSING, "lead no longer exists");
    outbox.cancel(MessageKey.of("unsub"), T0, NotSentReason.NO_CONSENT, "no consent on email");
    outbox.cancel(MessageKey.of("host"), T0, NotSentReason.NO_CONSENT, "campaign withdrawn");
    for (OutboxEntry e : outbox.claim(T0, 10, LEASE)) {
      String token = e.claimToken().orElseThrow();
      switch (e.key().value()) {
        case "dead" -> outbox.markDead(e.key(), token, T0, NotSentReason.MAILER_REJECTED, "550");
        case "sent" -> outbox.markSent(e.key(), token, T0, "p-1");
        default -> outbox.markFailed(e.key(), token, T0, "timeout", T0.plusSeconds(60));
      }
    }
    // as a version 9 node would have left them
    TestDatabases.execute(ds, "UPDATE " + table + " SET reason = NULL");

    assertThat(reasons(outbox)).containsExactly(Optional.of(NotSentReason.OTHER),
        Optional.of(NotSentReason.OTHER), Optional.of(NotSentReason.OTHER),
        Optional.of(NotSentReason.OTHER), Optional.empty(), Optional.empty());

    TestDatabases.execute(ds, V10.statements(d, stores.tablePrefix()).toArray(String[]::new));

    assertThat(reasons(outbox)).containsExactly(Optional.of(NotSentReason.LEAD_MISSING),
        Optional.of(NotSentReason.NO_CONSENT), Optional.of(NotSentReason.OTHER),
        Optional.of(NotSentReason.OTHER), Optional.empty(), Optional.empty());
  }

  private static List<Optional<NotSentReason>> reasons(Outbox outbox) {
    return List.of("gone", "unsub", "host", "dead", "pending", "sent").stream()
        .map(k -> outbox.find(MessageKey.of(k)).orElseThrow().reason()).toList();
  }
}
