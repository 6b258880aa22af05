package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.identity.MergeRequest;
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
import java.util.Map;
import java.time.Duration;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.port.CounterKey;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A crash between two writes: for each input (a tracked touchpoint that scores, enters two
 * segments and enrols in a journey; a profile upsert; a stage change; a merge of two leads) and
 * for every write
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
          "sales call")),
      new Input("merge", (rig, lead) -> {
        // the duplicate import of the same person, with its own page view, merged into the lead
        Lead l = rig.kit.require(lead);
        LeadId dup = rig.kit.leadByEmail("dup." + l.email().value()).orElseThrow().id();
        rig.identity.merge(MergeRequest.of(lead, dup, "test", "duplicate import").forced());
      }));

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
      if (input.name().equals("merge")) {
        Lead dup = rig.kit.upsertLead(LeadInput.email("dup." + email)
            .attribute(AttributeKey.COMPANY, "Yamada Kogyo").build()).lead();
        rig.kit.track(rig.pricingView(dup.id(), "tp-dup-" + dup.id()));
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

  /**
   * A timer firing: a due journey step (after a wait, a mail) fails at each of its write
   * statements in turn (the claim, the step's messages, bookkeeping touchpoints, counters, the
   * completion, the dispatch). Whatever failed is rolled back and run again (at once, or after
   * the lease), and in the end the step's effects are there exactly once: one message, the
   * twin's counter increments, the twin's enrolment state.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(Dialect.class)
  void aFailureAtAnyWriteOfADueStepLeavesItsEffectsExactlyOnce(Dialect d) {
    PipelineRig rig = new PipelineRig(d, getClass().getName() + "/due");
    JourneyId drip = JourneyId.of("drip");
    rig.journeys.publish(Journey.builder(drip.value()).wait("pause", Duration.ofHours(1))
        .send("mail", "tpl-drip").build());

    LeadId twin = rig.lead("twin@example.com").id();
    rig.journeys.enrol(drip, twin, "api");
    rig.clock.advance(Duration.ofHours(2));
    Map<CounterKey, Long> before = rig.stores.journeyCounters().snapshot(drip.value());
    rig.probe.reset();
    rig.kit.runDue();
    int writes = rig.probe.writes.get();
    assertThat(writes).isPositive();
    String expected = dueState(rig, twin) + " counters+" + delta(before,
        rig.stores.journeyCounters().snapshot(drip.value()));
    System.out.printf("crash test: %s due step makes %d write statements; each fails once%n",
        d.displayName(), writes);

    for (int k = 1; k <= writes; k++) {
      LeadId lead = rig.lead("due" + k + "@example.com").id();
      rig.journeys.enrol(drip, lead, "api");
      rig.clock.advance(Duration.ofHours(2));
      before = rig.stores.journeyCounters().snapshot(drip.value());
      rig.probe.failAtWrite(k);
      try {
        rig.kit.runDue();
      } catch (RuntimeException e) {
        assertThat(e).hasStackTraceContaining("injected failure");
      }
      // whatever is still leased is taken again once the lease (5 minutes) is over
      rig.clock.advance(Duration.ofMinutes(6));
      rig.kit.runDue();
      assertThat(dueState(rig, lead) + " counters+" + delta(before,
          rig.stores.journeyCounters().snapshot(drip.value())))
          .as("after a failure at write %d of %d", k, writes).isEqualTo(expected);
    }
  }

  private static String dueState(PipelineRig rig, LeadId lead) {
    return rig.journeys.enrolments(lead).stream()
        .map(e -> e.journey().value() + "/" + e.status()).sorted().toList()
        + " outbox=" + rig.stores.outbox().findByLead(lead).stream()
            .map(o -> o.message().template() + ":" + o.status()).sorted().toList()
        + " touchpoints=" + rig.kit.touchpointLog().findByLead(lead,
            dev.leadkit.core.port.TouchpointQuery.all()).stream().map(t -> t.type().toString())
            .sorted().toList();
  }

  private static Map<CounterKey, Long> delta(Map<CounterKey, Long> before,
      Map<CounterKey, Long> after) {
    Map<CounterKey, Long> out = new java.util.TreeMap<>(
        java.util.Comparator.comparing(CounterKey::toString));
    after.forEach((key, v) -> {
      long dv = v - before.getOrDefault(key, 0L);
      if (dv != 0) {
        out.put(key, dv);
      }
    });
    return out;
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
