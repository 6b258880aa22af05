package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.MailerNotConfiguredException;
import dev.leadkit.core.MissingPortException;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.segment.SegmentEntered;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.scoring.ScoreStateStore;
import dev.leadkit.scoring.ScoringPlugin;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One input, one commit: on every database, {@code track} with scoring, two segments and a
 * segment-triggered journey installed through {@code stores(JdbcStores)} is one transaction and
 * at most one write of the lead; listeners hear of it after the commit; the host's own
 * transaction can carry leadkit's writes; and a durable engine never falls back to memory.
 */
class OneCommitPerInputTest {
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aTrackWithEveryPluginInstalledIsOneTransactionAndAtMostOneLeadWrite(Dialect d) {
    PipelineRig rig = new PipelineRig(d, getClass().getName());
    Lead lead = rig.lead("taro@example.co.jp");
    String leads = rig.stores.tablePrefix() + "leads";

    rig.probe.reset();
    rig.kit.track(rig.pricingView(lead.id(), "tp-1"));
    assertThat(rig.probe.connections.get()).as("connections checked out").isEqualTo(1);
    assertThat(rig.probe.commits.get()).as("commits").isEqualTo(1);
    assertThat(rig.probe.writesTo(leads)).as("writes of the lead row").isEqualTo(1);
    int firstStatements = rig.probe.executed.size();
    if (Boolean.getBoolean("leadkit.test.showStatements")) {
      rig.probe.executed.forEach(q -> System.out.println("  SQL " + q.replaceAll("\\s+", " ")
          .substring(0, Math.min(110, q.replaceAll("\\s+", " ").length()))));
    }
    // the decisions were all made: score, segment, enrolment
    Lead after = rig.kit.require(lead.id());
    assertThat(after.scores().get("engagement").value()).isEqualTo(4.0);
    assertThat(rig.segments.segmentsOf(lead.id())).containsExactly(PipelineRig.VIEWERS);
    assertThat(rig.journeys.enrolments(lead.id())).singleElement()
        .satisfies(e -> assertThat(e.journey().value()).isEqualTo("pricing-follow-up"));

    // the second view crosses the threshold: score, stage and a second segment, still one
    // commit and one write of the lead (it was three lead writes before the unit of work)
    rig.probe.reset();
    rig.kit.track(rig.pricingView(lead.id(), "tp-2"));
    assertThat(rig.probe.connections.get()).isEqualTo(1);
    assertThat(rig.probe.commits.get()).isEqualTo(1);
    assertThat(rig.probe.writesTo(leads)).isEqualTo(1);
    System.out.printf("statements per track on %s: %d (enters segment, enrolled, mail queued),"
        + " %d (crosses the threshold)%n", d.displayName(), firstStatements,
        rig.probe.executed.size());
    Lead mql = rig.kit.require(lead.id());
    assertThat(mql.stage()).isEqualTo(LifecycleStage.MQL);
    assertThat(mql.version()).isEqualTo(lead.version() + 2);
    assertThat(rig.segments.segmentsOf(lead.id()))
        .containsExactlyInAnyOrder(PipelineRig.VIEWERS, PipelineRig.ENGAGED);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void anInputTheEngineRejectsWritesAndCommitsNothing(Dialect d) {
    PipelineRig rig = new PipelineRig(d, getClass().getName());
    Lead lead = rig.lead("goro@example.com");
    List<Object> heard = new ArrayList<>();
    rig.kit.events().onAny(heard::add);
    rig.probe.reset();
    assertThatThrownBy(() -> rig.kit.track(rig.pricingView(
        dev.leadkit.core.lead.LeadId.random(), "tp-nobody")))
        .isInstanceOf(dev.leadkit.core.UnknownLeadException.class);
    assertThatThrownBy(() -> rig.kit.changeStage(lead.id(), LifecycleStage.ANONYMOUS, "oops"))
        .isInstanceOf(dev.leadkit.core.IllegalStageTransitionException.class);
    assertThatThrownBy(() -> rig.identity.merge(dev.leadkit.core.identity.MergeRequest.of(
        lead.id(), lead.id(), "test", "itself")))
        .isInstanceOf(dev.leadkit.core.InvalidValueException.class);
    assertThat(rig.probe.writes.get()).as("write statements").isZero();
    assertThat(rig.probe.commits.get()).as("commits").isZero();
    assertThat(heard).as("events").isEmpty();
    assertThat(rig.kit.require(lead.id()).version()).isEqualTo(lead.version());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void listenersHearOfAnInputOnlyAfterItCommitted(Dialect d) {
    PipelineRig rig = new PipelineRig(d, getClass().getName());
    Lead lead = rig.lead("hanako@example.com");
    // a second set of stores, as another node would have: it sees committed rows only
    JdbcStores other = JdbcStores.builder(TestDatabases.dataSource(d)).dialect(d)
        .tablePrefix(rig.stores.tablePrefix()).leadCache(LeadCache.disabled()).build();
    List<String> seen = new ArrayList<>();
    rig.kit.events().on(SegmentEntered.class, e -> seen.add(e.segment().value() + " "
        + other.touchpointLog().findByLead(e.lead(), TouchpointQuery.all()).stream()
            .anyMatch(t -> t.id().value().equals("tp-h1")) + " "
        + other.leadStore().findById(e.lead()).map(l -> l.scores().keySet()).orElseThrow() + " "
        + other.enrolmentStore().findByLead(e.lead()).size()));
    rig.kit.track(rig.pricingView(lead.id(), "tp-h1"));
    assertThat(seen).containsExactly("pricing-viewers true [engagement] 1");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void leadkitsWritesJoinTheHostsTransactionAndRollBackWithIt(Dialect d) throws SQLException {
    PipelineRig rig = new PipelineRig(d, getClass().getName());
    Lead lead = rig.lead("jiro@example.com");
    String orders = rig.stores.tablePrefix() + "host_orders";
    TestDatabases.execute(TestDatabases.dataSource(d), "DROP TABLE IF EXISTS " + orders,
        "CREATE TABLE " + orders + " (id VARCHAR(20) PRIMARY KEY)");
    try (Connection c = TestDatabases.dataSource(d).getConnection()) {
      c.setAutoCommit(false);
      rig.stores.joining(c, () -> {
        insertOrder(c, orders, "o-1");
        return rig.kit.track(rig.pricingView(lead.id(), "tp-j1"));
      });
      c.rollback();
      assertThat(count(d, orders)).isZero();
      assertThat(pageViews(rig, lead)).isEmpty();
      assertThat(rig.kit.require(lead.id()).scores()).isEmpty();

      rig.stores.joining(c, () -> {
        insertOrder(c, orders, "o-2");
        return rig.kit.track(rig.pricingView(lead.id(), "tp-j2"));
      });
      c.commit();
      c.setAutoCommit(true);
    }
    assertThat(count(d, orders)).isEqualTo(1);
    assertThat(pageViews(rig, lead)).hasSize(1);
    assertThat(rig.kit.require(lead.id()).scores()).containsKey("engagement");

    // the other way round: the host's statement inside leadkit's unit of work
    assertThatThrownBy(() -> rig.kit.inTransaction(() -> {
      insertOrder(rig.stores.currentConnection(), orders, "o-3");
      rig.kit.track(rig.pricingView(lead.id(), "tp-j3"));
      throw new IllegalStateException("the host changed its mind");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(count(d, orders)).isEqualTo(1);
    assertThat(pageViews(rig, lead)).hasSize(1);
    rig.kit.inTransaction(() -> {
      insertOrder(rig.stores.currentConnection(), orders, "o-4");
      return rig.kit.track(rig.pricingView(lead.id(), "tp-j4"));
    });
    assertThat(count(d, orders)).isEqualTo(2);
    assertThat(pageViews(rig, lead)).hasSize(2);
    TestDatabases.execute(TestDatabases.dataSource(d), "DROP TABLE " + orders);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aDurableEngineNeverFallsBackToMemoryAndRefusesToDispatchWithoutAMailer(Dialect d) {
    JdbcStores jdbc = TestDatabases.stores(d, getClass().getName()).build();
    Stores withoutScoreState = new Stores() {
      @Override
      public LeadStore leadStore() {
        return jdbc.leadStore();
      }

      @Override
      public TouchpointLog touchpointLog() {
        return jdbc.touchpointLog();
      }

      @Override
      public Outbox outbox() {
        return jdbc.outbox();
      }

      @Override
      public <P> Optional<P> port(Class<P> type) {
        return type == ScoreStateStore.class ? Optional.empty() : jdbc.port(type);
      }

      @Override
      public boolean durable() {
        return true;
      }

      @Override
      public <T> T inTransaction(Supplier<T> work) {
        return jdbc.inTransaction(work);
      }
    };
    assertThatThrownBy(() -> LeadKit.builder().stores(withoutScoreState)
        .install(ScoringPlugin.builder().build()).build())
        .isInstanceOf(MissingPortException.class)
        .hasMessageContaining("scoring").hasMessageContaining("ScoreStateStore");

    PipelineRig rig = new PipelineRig(d, getClass().getName());
    LeadKit noMailer = LeadKit.builder().clock(rig.clock).stores(rig.stores).build();
    Lead lead = rig.lead("saburo@example.com");
    rig.stores.outbox().enqueueAll(List.of(new OutboundMessage(MessageKey.of("hello-saburo"),
        lead.id(), Channel.EMAIL, "tpl-hello", Optional.empty(), Map.of(), rig.clock.instant(),
        false)), rig.clock.instant());
    assertThatThrownBy(noMailer::dispatch).isInstanceOf(MailerNotConfiguredException.class)
        .hasMessageContaining("mailer");
    assertThat(rig.stores.outbox().countByStatus()).containsEntry(OutboxStatus.PENDING, 1L)
        .containsEntry(OutboxStatus.SENT, 0L);
    // chosen explicitly, recording is fine
    rig.kit.dispatch();
    assertThat(rig.mailer.deliveriesTo(lead.id())).hasSize(1);
  }

  private static java.util.List<String> pageViews(PipelineRig rig, Lead lead) {
    return rig.kit.touchpointLog().findByLead(lead.id(), TouchpointQuery.all()).stream()
        .filter(t -> t.type().equals(TouchpointType.PAGE_VIEW)).map(t -> t.id().value())
        .toList();
  }

  private static void insertOrder(Connection c, String table, String id) {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO " + table + " (id) VALUES ('" + id + "')");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(Dialect d, String table) throws SQLException {
    try (Connection c = TestDatabases.dataSource(d).getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
