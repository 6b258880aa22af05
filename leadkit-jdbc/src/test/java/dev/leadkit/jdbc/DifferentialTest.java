package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random operation sequences (fixed seeds, so a failure replays) applied to the in-memory
 * adapters and to the JDBC adapters: every result and every exception type must agree. This
 * covers combinations the contract tests do not spell out: mixed batches with stale copies,
 * clashes and address swaps, deletes, pages, duplicate touchpoints, attribution.
 */
class DifferentialTest {
  private static final int SEEDS = 8;
  private static final int STEPS = 30;
  private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
  private static final List<String> IDS = List.of("a", "B", "c-1", "c_1", "d.2", "e:3");
  private static final List<String> EMAILS =
      List.of("x@example.com", "y@example.com", "z@example.com", "w@example.com");

  /** The outcome of one call: a value or the class of the exception thrown. */
  private static Object outcome(Supplier<?> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void leadStoresAgreeWithTheInMemoryStoreOnRandomBatches(Dialect d) {
    for (int seed = 1; seed <= SEEDS; seed++) {
      Random r = new Random(seed);
      LeadStore memory = InMemory.leadStore();
      LeadStore jdbc = TestDatabases.stores(d, getClass().getName())
          .leadCache(seed % 2 == 0 ? LeadCache.disabled() : LeadCache.defaults()).build()
          .leadStore();
      for (int step = 0; step < STEPS; step++) {
        String what = "seed " + seed + " step " + step;
        int op = r.nextInt(10);
        if (op < 6) {
          List<Lead> batch = new ArrayList<>();
          int n = 1 + r.nextInt(3);
          for (int i = 0; i < n; i++) {
            batch.add(candidate(r, memory, step));
          }
          assertThat(outcome(() -> jdbc.saveAll(batch))).as(what + " saveAll " + batch)
              .isEqualTo(outcome(() -> memory.saveAll(batch)));
        } else if (op == 6) {
          LeadId id = LeadId.of(IDS.get(r.nextInt(IDS.size())));
          assertThat(jdbc.delete(id)).as(what + " delete").isEqualTo(memory.delete(id));
        } else if (op == 7) {
          LeadId after = r.nextBoolean() ? null : LeadId.of(IDS.get(r.nextInt(IDS.size())));
          int limit = 1 + r.nextInt(4);
          assertThat(jdbc.page(after, limit)).as(what + " page")
              .isEqualTo(memory.page(after, limit));
        } else {
          EmailAddress e = EmailAddress.parse(EMAILS.get(r.nextInt(EMAILS.size())));
          LeadId id = LeadId.of(IDS.get(r.nextInt(IDS.size())));
          assertThat(jdbc.findByEmail(e)).as(what + " findByEmail").isEqualTo(
              memory.findByEmail(e));
          assertThat(jdbc.findById(id)).as(what + " findById").isEqualTo(memory.findById(id));
        }
        assertThat(jdbc.count()).as(what + " count").isEqualTo(memory.count());
      }
      assertThat(jdbc.page(null, 100)).isEqualTo(memory.page(null, 100));
    }
  }

  /** A new lead, a fresh update, a stale update or an address change, at random. */
  private static Lead candidate(Random r, LeadStore reference, int step) {
    LeadId id = LeadId.of(IDS.get(r.nextInt(IDS.size())));
    EmailAddress email = EmailAddress.parse(EMAILS.get(r.nextInt(EMAILS.size())));
    Instant at = T0.plusSeconds(step);
    Optional<Lead> stored = reference.findById(id);
    if (stored.isEmpty() || r.nextInt(5) == 0) {
      return Lead.create(id, email, dev.leadkit.core.lead.Attributes.empty(), at);
    }
    Lead s = stored.get();
    Lead changed = r.nextBoolean() ? s.withEmail(email, at)
        : s.withAttributes(s.attributes().with(AttributeKey.of("n"),
            AttributeValue.number(step)), at);
    return r.nextInt(4) == 0 ? changed.withVersion(s.version() + 1) : changed;
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void touchpointLogsAgreeWithTheInMemoryLogOnRandomBatches(Dialect d) {
    for (int seed = 1; seed <= SEEDS; seed++) {
      Random r = new Random(seed);
      TouchpointLog memory = InMemory.touchpointLog();
      TouchpointLog jdbc = TestDatabases.stores(d, getClass().getName()).build().touchpointLog();
      List<TouchpointType> types = List.of(TouchpointType.PAGE_VIEW,
          TouchpointType.EMAIL_CLICKED, TouchpointType.FORM_SUBMITTED);
      for (int step = 0; step < STEPS; step++) {
        String what = "seed " + seed + " step " + step;
        int op = r.nextInt(8);
        if (op < 4) {
          List<Touchpoint> batch = new ArrayList<>();
          for (int i = 0, n = 1 + r.nextInt(6); i < n; i++) {
            Instant at = T0.plusSeconds(r.nextInt(20));
            TouchpointType type = types.get(r.nextInt(types.size()));
            Touchpoint.Builder b = r.nextBoolean()
                ? Touchpoint.forLead(LeadId.of(IDS.get(r.nextInt(3))), type, at)
                : Touchpoint.forVisitor(VisitorId.of("v" + r.nextInt(3)), type, at);
            batch.add(b.id("t" + r.nextInt(30)).url("/p" + r.nextInt(4)).build());
          }
          assertThat(jdbc.appendAll(batch)).as(what + " appendAll").isEqualTo(
              memory.appendAll(batch));
        } else if (op == 4) {
          VisitorId v = VisitorId.of("v" + r.nextInt(3));
          LeadId l = LeadId.of(IDS.get(r.nextInt(3)));
          assertThat(jdbc.attributeVisitor(v, l)).as(what + " attribute")
              .isEqualTo(memory.attributeVisitor(v, l));
        } else if (op == 5) {
          VisitorId v = VisitorId.of("v" + r.nextInt(3));
          assertThat(jdbc.findByVisitor(v)).as(what + " byVisitor")
              .isEqualTo(memory.findByVisitor(v));
        } else {
          LeadId l = LeadId.of(IDS.get(r.nextInt(3)));
          Instant from = T0.plusSeconds(r.nextInt(20));
          TouchpointQuery q = r.nextBoolean() ? TouchpointQuery.all()
              : TouchpointQuery.ofTypes(types.get(r.nextInt(types.size())))
                  .between(from, from.plusSeconds(r.nextInt(10)));
          assertThat(jdbc.findByLead(l, q)).as(what + " byLead " + q)
              .isEqualTo(memory.findByLead(l, q));
        }
        assertThat(jdbc.count()).as(what + " count").isEqualTo(memory.count());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void segmentMembershipAgreesWithTheInMemoryStoreOnRandomChangeBatches(Dialect d) {
    List<dev.leadkit.core.segment.SegmentId> segments = List.of(
        dev.leadkit.core.segment.SegmentId.of("hot"), dev.leadkit.core.segment.SegmentId.of("warm"));
    for (int seed = 1; seed <= 5; seed++) {
      Random r = new Random(seed);
      dev.leadkit.core.port.SegmentMembershipStore memory = InMemory.segmentMembershipStore();
      dev.leadkit.core.port.SegmentMembershipStore jdbc = TestDatabases.stores(d,
          getClass().getName()).build().segmentMembershipStore();
      for (int step = 0; step < 25; step++) {
        String what = "seed " + seed + " step " + step;
        List<dev.leadkit.core.port.SegmentMembershipStore.Change> batch = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(6); i < n; i++) {
          batch.add(new dev.leadkit.core.port.SegmentMembershipStore.Change(
              segments.get(r.nextInt(2)), LeadId.of(IDS.get(r.nextInt(4))), r.nextInt(3) > 0,
              T0.plusSeconds(step * 10L + i)));
        }
        memory.apply(batch);
        jdbc.apply(batch);
        dev.leadkit.core.segment.SegmentId s = segments.get(step % 2);
        assertThat(jdbc.members(s, null, 10)).as(what + " members " + batch)
            .isEqualTo(memory.members(s, null, 10));
        String id = IDS.get(step % 4);
        assertThat(jdbc.memberSince(s, LeadId.of(id))).as(what + " since " + batch)
            .isEqualTo(memory.memberSince(s, LeadId.of(id)));
      }
    }
  }
}
