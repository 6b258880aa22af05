package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A crash between two writes: for each input (a tracked touchpoint that scores, enters two
 * segments and enrols in a journey; a profile upsert; a stage change) and for every write
 * statement it makes, that statement fails. After each failure every leadkit table holds exactly
 * what it held before; running the same input again then reaches the same state as a twin lead
 * that went through the input without a failure.
 */
class CrashAtEveryWritePointTest {
  /** An input, applied to a lead; {@code tag} keeps idempotency ids apart per lead. */
  private record Input(String name, BiConsumer<PipelineRig, LeadId> apply) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Input> INPUTS = List.of(
      new Input("track", (rig, lead) -> rig.kit.track(rig.pricingView(lead, "tp-" + lead))),
      new Input("track-threshold", (rig, lead) -> {
        // crosses the score threshold: score, stage change, second segment
        rig.kit.track(rig.pricingView(lead, "tp-second-" + lead));
      }),
      new Input("upsertLead", (rig, lead) -> rig.kit.upsertLead(
          LeadInput.email(rig.kit.require(lead).email().value())
              .attribute(AttributeKey.COMPANY, "Yamada Kogyo")
              .attribute(AttributeKey.INDUSTRY, "manufacturing").build())),
      new Input("changeStage", (rig, lead) -> rig.kit.changeStage(lead, LifecycleStage.MQL,
          "sales call")));

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Dialect d : Dialect.values()) {
      for (Input i : INPUTS) {
        out.add(Arguments.of(d, i));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void aFailureAtAnyWriteLeavesTheStoresAsTheyWereAndARepeatCompletesTheInput(Dialect d,
      Input input) {
    PipelineRig rig = new PipelineRig(d, getClass().getName() + "/" + input.name());
    Function<String, LeadId> prepared = email -> {
      Lead l = rig.lead(email);
      if (input.name().equals("track-threshold")) {
        rig.kit.track(rig.pricingView(l.id(), "tp-first-" + l.id()));
      }
      return l.id();
    };

    // the twin: the input without a failure, counting its write statements
    LeadId twin = prepared.apply("twin@example.com");
    rig.probe.reset();
    input.apply().accept(rig, twin);
    int writes = rig.probe.writes.get();
    assertThat(writes).as("write statements of " + input).isPositive();
    String expected = rig.stateOf(twin);
    System.out.printf("crash test: %s %s makes %d write statements; each fails once%n",
        d.displayName(), input, writes);

    for (int k = 1; k <= writes; k++) {
      LeadId lead = prepared.apply("crash" + k + "@example.com");
      List<String> before = dump(d, rig.stores.tablePrefix());
      rig.probe.failAtWrite(k);
      int failing = k;
      assertThatThrownBy(() -> input.apply().accept(rig, lead))
          .as("write %d of %d fails", failing, writes)
          .hasStackTraceContaining("injected failure at write " + k);
      assertThat(dump(d, rig.stores.tablePrefix()))
          .as("every table after a failure at write %d of %d", k, writes)
          .isEqualTo(before);
      input.apply().accept(rig, lead);
      assertThat(rig.stateOf(lead)).as("state after repeating the input").isEqualTo(expected);
    }
  }

  /** Every row of every leadkit table, as text, sorted within each table. */
  private static List<String> dump(Dialect d, String prefix) {
    List<String> out = new ArrayList<>();
    try (Connection c = TestDatabases.dataSource(d).getConnection();
        Statement s = c.createStatement()) {
      for (String t : TestDatabases.DATA_TABLES) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + prefix + t)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder(t).append(':');
            for (int i = 1; i <= md.getColumnCount(); i++) {
              // as text: H2 hands out CLOBs as objects whose names change on every read
              row.append(rs.getString(i)).append('|');
            }
            rows.add(row.toString());
          }
        }
        rows.sort(null);
        out.addAll(rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
