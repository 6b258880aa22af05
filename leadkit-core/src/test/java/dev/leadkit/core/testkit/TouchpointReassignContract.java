package dev.leadkit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The identity part of the {@link TouchpointLog} contract: attribution, reassignment and
 * erasure. Subclass it for an adapter and implement {@link #newLog()} to return an empty log.
 */
public abstract class TouchpointReassignContract {
  private static final Instant T0 = Instant.parse("2025-10-08T01:00:00Z");
  private static final LeadId A = LeadId.of("lead-a");
  private static final LeadId B = LeadId.of("lead-b");
  private static final VisitorId V = VisitorId.of("v1");

  /** A new, empty log. */
  protected abstract TouchpointLog newLog();

  private TouchpointLog log;

  @BeforeEach
  void setUp() {
    log = newLog();
  }

  private static Touchpoint visit(String id, int minutes) {
    return Touchpoint.forVisitor(V, TouchpointType.PAGE_VIEW, T0.plusSeconds(60L * minutes))
        .id(id).url("/p/" + id).build();
  }

  private static Touchpoint ofLead(String id, LeadId lead, int minutes) {
    return Touchpoint.forLead(lead, TouchpointType.EMAIL_OPENED, T0.plusSeconds(60L * minutes))
        .id(id).build();
  }

  private List<String> idsOf(LeadId lead) {
    return log.findByLead(lead, TouchpointQuery.all()).stream().map(t -> t.id().value()).toList();
  }

  @Test
  void attributeVisitorSetsTheLeadOfUnattributedTouchpointsOnly() {
    log.appendAll(List.of(visit("t1", 0), visit("t2", 1)));
    log.reassign(List.of(TouchpointId.of("t2")), Optional.of(B));
    assertThat(log.attributeVisitor(V, A)).isEqualTo(1);
    assertThat(log.attributeVisitor(V, A)).isZero();
    assertThat(idsOf(A)).containsExactly("t1");
    assertThat(idsOf(B)).containsExactly("t2");
  }

  @Test
  void reassignMovesTouchpointsBetweenLeadsKeepingOrderAndContent() {
    log.appendAll(List.of(ofLead("t1", A, 2), ofLead("t2", A, 0), ofLead("t3", B, 1)));
    Touchpoint before = log.findById(TouchpointId.of("t1")).orElseThrow();
    assertThat(log.reassign(List.of(TouchpointId.of("t1"), TouchpointId.of("t2"),
        TouchpointId.of("missing")), Optional.of(B))).isEqualTo(2);
    assertThat(idsOf(A)).isEmpty();
    assertThat(idsOf(B)).containsExactly("t2", "t3", "t1");
    Touchpoint after = log.findById(TouchpointId.of("t1")).orElseThrow();
    assertThat(after).isEqualTo(before.withLead(B));
    assertThat(log.reassign(List.of(TouchpointId.of("t1")), Optional.of(B))).isZero();
  }

  @Test
  void reassignToNoLeadLeavesTheVisitorAlone() {
    log.append(visit("t1", 0));
    log.attributeVisitor(V, A);
    assertThat(log.reassign(List.of(TouchpointId.of("t1")), Optional.empty())).isEqualTo(1);
    assertThat(idsOf(A)).isEmpty();
    assertThat(log.findByVisitor(V)).singleElement()
        .satisfies(t -> assertThat(t.lead()).isEmpty());
  }

  @Test
  void detachingATouchpointWithoutVisitorIsRefusedAndChangesNothing() {
    log.appendAll(List.of(visit("t1", 0), ofLead("t2", A, 1)));
    log.attributeVisitor(V, A);
    assertThatThrownBy(() -> log.reassign(List.of(TouchpointId.of("t1"), TouchpointId.of("t2")),
        Optional.empty())).isInstanceOf(InvalidValueException.class);
    assertThat(idsOf(A)).containsExactly("t1", "t2");
  }

  @Test
  void deleteAllRemovesFromEveryIndex() {
    log.appendAll(List.of(visit("t1", 0), ofLead("t2", A, 1)));
    log.attributeVisitor(V, A);
    assertThat(log.deleteAll(List.of(TouchpointId.of("t1"), TouchpointId.of("t2"),
        TouchpointId.of("t9")))).isEqualTo(2);
    assertThat(log.count()).isZero();
    assertThat(idsOf(A)).isEmpty();
    assertThat(log.findByVisitor(V)).isEmpty();
    assertThat(log.findById(TouchpointId.of("t1"))).isEmpty();
  }
}
