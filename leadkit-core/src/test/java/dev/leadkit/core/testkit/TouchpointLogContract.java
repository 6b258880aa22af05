package dev.leadkit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TouchpointLog} must pass. Subclass it and return a fresh, empty log
 * from {@link #newLog()}.
 */
public abstract class TouchpointLogContract {
  protected static final Instant T0 = Instant.parse("2026-04-01T00:00:00.000001Z");
  protected static final LeadId L1 = LeadId.of("lead-1");
  protected static final LeadId L2 = LeadId.of("lead-2");

  protected TouchpointLog log;

  /** A fresh, empty log. */
  protected abstract TouchpointLog newLog();

  @BeforeEach
  void setUpLog() {
    log = newLog();
  }

  protected static Touchpoint view(String id, LeadId lead, Instant at, String url) {
    return Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, at).id(id).url(url).build();
  }

  @Test
  void appendIsIdempotentByIdAndKeepsTheFirstCopy() {
    Touchpoint a = view("t1", L1, T0, "/a");
    assertThat(log.append(a)).isTrue();
    assertThat(log.append(view("t1", L1, T0.plusSeconds(5), "/changed"))).isFalse();
    assertThat(log.count()).isEqualTo(1);
    assertThat(log.findById(TouchpointId.of("t1"))).contains(a);
  }

  @Test
  void batchReturnsOnlyNewTouchpointsAndCountsRepeatsOnce() {
    log.append(view("t1", L1, T0, "/a"));
    List<Touchpoint> fresh = log.appendAll(List.of(view("t1", L1, T0, "/a"),
        view("t2", L1, T0.plusSeconds(1), "/b"), view("t2", L1, T0.plusSeconds(1), "/b"),
        view("t3", L2, T0.plusSeconds(2), "/c")));
    assertThat(fresh).extracting(t -> t.id().value()).containsExactly("t2", "t3");
    assertThat(log.count()).isEqualTo(3);
  }

  @Test
  void everyPropertyChannelAndSubjectIsKept() {
    Touchpoint t = Touchpoint.forLead(L1, TouchpointType.EMAIL_CLICKED, T0).id("t9")
        .visitor(VisitorId.of("cookie-1")).channel(Channel.EMAIL)
        .property(PropertyKey.URL, "https://example.com/p?q=1&x=日本")
        .property(PropertyKey.CAMPAIGN, "spring").build();
    log.append(t);
    assertThat(log.findById(TouchpointId.of("t9"))).contains(t);
    assertThat(log.findByVisitor(VisitorId.of("cookie-1"))).containsExactly(t);
  }

  @Test
  void queriesFilterByTypeAndHalfOpenWindowInTimeOrder() {
    List<Touchpoint> batch = new ArrayList<>();
    for (int i = 9; i >= 0; i--) {
      batch.add(view("v" + i, L1, T0.plus(Duration.ofDays(i)), "/p" + i));
    }
    batch.add(Touchpoint.forLead(L1, TouchpointType.FORM_SUBMITTED, T0.plus(Duration.ofDays(3)))
        .id("f1").build());
    batch.add(view("other", L2, T0, "/x"));
    log.appendAll(batch);

    assertThat(log.findByLead(L1, TouchpointQuery.all())).hasSize(11)
        .isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    List<Touchpoint> window = log.findByLead(L1, TouchpointQuery.ofTypes(TouchpointType.PAGE_VIEW)
        .between(T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(5))));
    assertThat(window).extracting(t -> t.id().value()).containsExactly("v2", "v3", "v4");
    assertThat(log.findByLead(L1, TouchpointQuery.all().since(T0.plus(Duration.ofDays(9)))))
        .extracting(t -> t.id().value()).containsExactly("v9");
    assertThat(log.findByLead(LeadId.of("nobody"), TouchpointQuery.all())).isEmpty();
  }

  @Test
  void attributingAVisitorMovesOnlyItsUnattributedTouchpoints() {
    VisitorId v = VisitorId.of("cookie-7");
    log.appendAll(List.of(
        Touchpoint.forVisitor(v, TouchpointType.PAGE_VIEW, T0).id("a1").url("/").build(),
        Touchpoint.forVisitor(v, TouchpointType.PAGE_VIEW, T0.plusSeconds(1)).id("a2")
            .url("/pricing").build(),
        Touchpoint.forLead(L2, TouchpointType.PAGE_VIEW, T0.plusSeconds(2)).id("a3").visitor(v)
            .url("/x").build()));
    assertThat(log.findByLead(L1, TouchpointQuery.all())).isEmpty();
    assertThat(log.attributeVisitor(v, L1)).isEqualTo(2);
    assertThat(log.findByLead(L1, TouchpointQuery.all())).extracting(t -> t.id().value())
        .containsExactly("a1", "a2");
    assertThat(log.findById(TouchpointId.of("a3")).orElseThrow().lead()).contains(L2);
    assertThat(log.attributeVisitor(v, L1)).isZero();
    assertThat(log.count()).isEqualTo(3);
  }

  @Test
  void lateArrivalsAreReturnedInTimeOrder() {
    log.append(view("b", L1, T0.plusSeconds(10), "/b"));
    log.append(view("a", L1, T0, "/a"));
    log.append(view("c", L1, T0.plusSeconds(5), "/c"));
    assertThat(log.findByLead(L1, TouchpointQuery.all())).extracting(t -> t.id().value())
        .containsExactly("a", "c", "b");
  }
}
