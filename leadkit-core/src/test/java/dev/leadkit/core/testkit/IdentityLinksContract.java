package dev.leadkit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.IdentityLinks;
import dev.leadkit.core.port.LeadAlias;
import dev.leadkit.core.port.VisitorLink;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link IdentityLinks}. Subclass it for an adapter and implement
 * {@link #newLinks()} to return an empty store.
 */
public abstract class IdentityLinksContract {
  private static final Instant T0 = Instant.parse("2025-10-08T01:00:00Z");
  private static final LeadId A = LeadId.of("lead-a");
  private static final LeadId B = LeadId.of("lead-b");
  private static final VisitorId V1 = VisitorId.of("v1");
  private static final VisitorId V2 = VisitorId.of("v2");

  /** A new, empty store. */
  protected abstract IdentityLinks newLinks();

  private IdentityLinks links;

  @BeforeEach
  void setUp() {
    links = newLinks();
  }

  private static VisitorLink link(VisitorId v, LeadId l, int minutes) {
    return new VisitorLink(v, l, "form_email", T0.plusSeconds(60L * minutes));
  }

  @Test
  void linkIfAbsentStoresAFirstLink() {
    assertThat(links.linkIfAbsent(link(V1, A, 0))).isEmpty();
    assertThat(links.findVisitor(V1)).contains(link(V1, A, 0));
  }

  @Test
  void linkIfAbsentNeverReplacesAnExistingLink() {
    links.linkIfAbsent(link(V1, A, 0));
    assertThat(links.linkIfAbsent(link(V1, B, 5))).contains(link(V1, A, 0));
    assertThat(links.findVisitor(V1).orElseThrow().lead()).isEqualTo(A);
  }

  @Test
  void oneLeadMayHaveSeveralVisitorsListedInLinkTimeOrder() {
    links.linkIfAbsent(link(V2, A, 5));
    links.linkIfAbsent(link(V1, A, 0));
    links.linkIfAbsent(link(VisitorId.of("v3"), B, 1));
    assertThat(links.visitorsOf(A)).extracting(VisitorLink::visitor).containsExactly(V1, V2);
    assertThat(links.findVisitors(List.of(V1, V2, VisitorId.of("nobody")))).containsOnlyKeys(V1,
        V2);
  }

  @Test
  void relinkMovesOnlyLinkedVisitorsAndIsIdempotent() {
    links.linkIfAbsent(link(V1, A, 0));
    assertThat(links.relink(List.of(V1, V2), B)).isEqualTo(1);
    assertThat(links.relink(List.of(V1), B)).isZero();
    assertThat(links.findVisitor(V1).orElseThrow()).isEqualTo(link(V1, B, 0));
    assertThat(links.findVisitor(V2)).isEmpty();
  }

  @Test
  void unlinkAndUnlinkAllRemoveLinks() {
    links.linkIfAbsent(link(V1, A, 0));
    links.linkIfAbsent(link(V2, A, 1));
    assertThat(links.unlink(V1)).isTrue();
    assertThat(links.unlink(V1)).isFalse();
    assertThat(links.unlinkAll(A)).isEqualTo(1);
    assertThat(links.visitorsOf(A)).isEmpty();
  }

  @Test
  void aliasesAreFoundByMergedIdAndAddressAndRemoved() {
    LeadAlias alias = new LeadAlias(A, EmailAddress.parse("a@example.com"), B, "m1");
    links.putAlias(alias);
    links.putAlias(alias);
    assertThat(links.findAlias(A)).contains(alias);
    assertThat(links.findAliasByEmail(EmailAddress.parse("a@example.com"))).contains(alias);
    assertThat(links.aliasesTo(B)).containsExactly(alias);
    assertThat(links.removeAlias(A)).isTrue();
    assertThat(links.removeAlias(A)).isFalse();
    assertThat(links.findAlias(A)).isEmpty();
    assertThat(links.findAliasByEmail(EmailAddress.parse("a@example.com"))).isEmpty();
  }

  @Test
  void concurrentStitchesOfOneVisitorHaveExactlyOneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> wins = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        LeadId lead = LeadId.of("lead-" + i);
        wins.add(pool.submit(() -> {
          start.await();
          return links.linkIfAbsent(link(V1, lead, 0)).isEmpty();
        }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> f : wins) {
        winners += f.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
