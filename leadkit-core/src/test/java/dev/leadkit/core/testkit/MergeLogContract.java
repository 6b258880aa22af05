package dev.leadkit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MergeId;
import dev.leadkit.core.port.MergeLog;
import dev.leadkit.core.port.MergeRecord;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link MergeLog}. Subclass it for an adapter and implement
 * {@link #newLog()} to return an empty log. Adapters must round-trip every field, including the
 * before-images, exactly.
 */
public abstract class MergeLogContract {
  private static final Instant T0 = Instant.parse("2025-10-08T01:00:00Z");

  /** A new, empty log. */
  protected abstract MergeLog newLog();

  private MergeLog log;

  @BeforeEach
  void setUp() {
    log = newLog();
  }

  /** A sample record merging {@code merged} into {@code survivor} at {@code minutes}. */
  public static MergeRecord record(String id, String survivor, String merged, int minutes) {
    Instant at = T0.plusSeconds(60L * minutes);
    Lead s = Lead.create(LeadId.of(survivor), EmailAddress.parse(survivor + "@example.com"),
        Attributes.empty().with(dev.leadkit.core.lead.AttributeKey.COMPANY, "Acme"), T0);
    Lead m = Lead.create(LeadId.of(merged), EmailAddress.parse(merged + "@example.com"),
        Attributes.empty(), T0);
    return new MergeRecord(MergeId.of(id), s.id(), m.id(), s.withVersion(3), m.withVersion(2),
        s.withVersion(4), new TreeSet<>(Set.of(TouchpointId.of("t1"))),
        new TreeSet<>(Set.of(TouchpointId.of("t2"), TouchpointId.of("t3"))),
        new TreeSet<>(Set.of(VisitorId.of("v1"))),
        List.of(new MergeRecord.Decision("company", "most_recent", "survivor")), true, false,
        "alice", "same person", at, Optional.empty());
  }

  @Test
  void appendedRecordsRoundTripExactly() {
    MergeRecord r = record("m1", "a", "b", 0);
    assertThat(log.append(r)).isTrue();
    assertThat(log.find(MergeId.of("m1"))).contains(r);
  }

  @Test
  void appendIsIdempotentOnTheId() {
    MergeRecord r = record("m1", "a", "b", 0);
    log.append(r);
    assertThat(log.append(record("m1", "x", "y", 5))).isFalse();
    assertThat(log.find(MergeId.of("m1"))).contains(r);
  }

  @Test
  void findByLeadReturnsRecordsOfEitherSideOldestFirst() {
    log.append(record("m2", "c", "a", 10));
    log.append(record("m1", "a", "b", 0));
    log.append(record("m3", "x", "y", 5));
    assertThat(log.findByLead(LeadId.of("a"))).extracting(MergeRecord::id)
        .containsExactly(MergeId.of("m1"), MergeId.of("m2"));
  }

  @Test
  void markUndoneSucceedsOnce() {
    log.append(record("m1", "a", "b", 0));
    MergeRecord.Undo undo = new MergeRecord.Undo("bob", "two people", T0.plusSeconds(600));
    assertThat(log.markUndone(MergeId.of("m1"), undo)).isTrue();
    assertThat(log.markUndone(MergeId.of("m1"), undo)).isFalse();
    assertThat(log.markUndone(MergeId.of("nope"), undo)).isFalse();
    assertThat(log.find(MergeId.of("m1")).orElseThrow().undo()).contains(undo);
  }

  @Test
  void deleteInvolvingRemovesEveryRecordOfTheLead() {
    log.append(record("m1", "a", "b", 0));
    log.append(record("m2", "c", "a", 1));
    log.append(record("m3", "x", "y", 2));
    assertThat(log.deleteInvolving(LeadId.of("a"))).isEqualTo(2);
    assertThat(log.findByLead(LeadId.of("a"))).isEmpty();
    assertThat(log.find(MergeId.of("m3"))).isPresent();
  }
}
