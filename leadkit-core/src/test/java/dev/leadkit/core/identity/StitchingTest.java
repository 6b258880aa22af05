package dev.leadkit.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidEmailException;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StitchingTest {
  private final Fixture f = new Fixture();
  private final VisitorId v = VisitorId.of("cookie-1");
  private final List<LeadkitEvent> events =
      java.util.Collections.synchronizedList(new ArrayList<>());

  {
    f.kit.events().onAny(events::add);
  }

  private Touchpoint form(VisitorId visitor, String email) {
    return f.kit.track(Touchpoint.forVisitor(visitor, TouchpointType.FORM_SUBMITTED,
        f.clock.instant()).property(PropertyKey.FORM, "newsletter")
        .property(PropertyKey.EMAIL, email).build()).touchpoint();
  }

  @Test
  void anonymousTouchpointsAccumulateUnderTheVisitor() {
    f.view(v, "/");
    f.view(v, "/products");
    assertThat(f.kit.touchpointLog().findByVisitor(v)).hasSize(2)
        .allSatisfy(t -> assertThat(t.lead()).isEmpty());
    assertThat(f.identity.leadOf(v)).isEmpty();
  }

  @Test
  void aFormWithAnEmailCreatesTheLeadAndTakesTheVisitorsHistoryWithIt() {
    f.view(v, "/");
    f.view(v, "/pricing");
    Touchpoint submitted = form(v, " Taro.Yamada@Example.CO.JP ");
    f.view(v, "/thanks");

    Lead lead = f.kit.leadByEmail("taro.yamada@example.co.jp").orElseThrow();
    assertThat(submitted.lead()).contains(lead.id());
    assertThat(submitted.property(PropertyKey.EMAIL)).as("the address is not kept on the touchpoint")
        .isEmpty();
    assertThat(f.urlsOf(lead.id())).containsExactly("/", "/pricing", "newsletter", "/thanks");
    assertThat(events).filteredOn(VisitorStitched.class::isInstance).singleElement()
        .isInstanceOfSatisfying(VisitorStitched.class, e -> {
          assertThat(e.method()).isEqualTo(StitchMethod.FORM_EMAIL);
          assertThat(e.attributed()).hasSize(2);
        });
  }

  @Test
  void inOneBatchTheVisitsBeforeTheFormAreStitchedToo() {
    Instant t0 = f.clock.instant();
    f.kit.trackAll(List.of(
        Touchpoint.forVisitor(v, TouchpointType.PAGE_VIEW, t0).url("/").build(),
        Touchpoint.forVisitor(v, TouchpointType.FORM_SUBMITTED, t0.plusSeconds(60))
            .property(PropertyKey.FORM, "newsletter")
            .property(PropertyKey.EMAIL, "batch@example.com").build(),
        Touchpoint.forVisitor(v, TouchpointType.PAGE_VIEW, t0.plusSeconds(120)).url("/thanks")
            .build()));
    Lead lead = f.kit.leadByEmail("batch@example.com").orElseThrow();
    assertThat(f.urlsOf(lead.id())).containsExactly("/", "newsletter", "/thanks");
    assertThat(events).filteredOn(VisitorStitched.class::isInstance)
        .flatExtracting(e -> ((VisitorStitched) e).attributed()).hasSize(1);
  }

  @Test
  void concurrentFormsFromOneVisitorLinkItOnceAndLoseNothing() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int worker = w;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 25; i++) {
            Instant at = Fixture.T0.plusSeconds(worker * 100L + i);
            f.kit.track(Touchpoint.forVisitor(v, TouchpointType.PAGE_VIEW, at)
                .id("w" + worker + "-v" + i).build());
            f.kit.track(Touchpoint.forVisitor(v, TouchpointType.FORM_SUBMITTED, at)
                .id("w" + worker + "-f" + i)
                .property(PropertyKey.EMAIL, "p" + (worker % 2) + "@example.com").build());
          }
          return null;
        }));
      }
      start.countDown();
      for (java.util.concurrent.Future<?> d : done) {
        d.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(f.kit.touchpointLog().count()).isEqualTo(200);
    assertThat(f.kit.leadStore().count()).isEqualTo(2);
    LeadId linked = f.identity.leadOf(v).orElseThrow();
    assertThat(f.kit.touchpointLog().findByVisitor(v))
        .allSatisfy(t -> assertThat(t.lead()).isPresent())
        .filteredOn(t -> t.type().equals(TouchpointType.PAGE_VIEW))
        .allSatisfy(t -> assertThat(t.lead()).contains(linked));
    assertThat(events).filteredOn(IdentityConflict.class::isInstance).isNotEmpty();
  }

  @Test
  void aTaggedLinkClickStitchesToTheLeadTheTokenNames() {
    Lead lead = f.lead("hanako@example.co.jp");
    f.view(v, "/blog");
    String token = f.identity.tokens().issue(lead.id(), Optional.of(MessageKey.of("nl-1")),
        Optional.empty());
    f.clock.advance(java.time.Duration.ofMinutes(1));
    Touchpoint click = f.kit.track(Touchpoint.forVisitor(v, TouchpointType.PAGE_VIEW,
        f.clock.instant()).url("/seminar").property(PropertyKey.LINK_TOKEN, token).build())
        .touchpoint();
    assertThat(click.lead()).contains(lead.id());
    assertThat(click.property(PropertyKey.LINK_TOKEN)).isEmpty();
    assertThat(click.property(PropertyKey.MESSAGE_KEY)).contains("nl-1");
    assertThat(f.urlsOf(lead.id())).containsExactly("/blog", "/seminar");
    assertThat(f.identity.leadOf(v)).contains(lead.id());
  }

  @Test
  void aForgedTokenStitchesNothingAndIsMarkedRejected() {
    Lead victim = f.lead("ceo@example.co.jp");
    LinkTokens forger = LinkTokens.of(LinkKeyRing.of(LinkKey.of("k1",
        LinkTokensTest.secret('x'))), f.clock);
    Touchpoint t = f.kit.track(Touchpoint.forVisitor(v, TouchpointType.PAGE_VIEW,
        f.clock.instant()).property(PropertyKey.LINK_TOKEN, forger.issue(victim.id())).build())
        .touchpoint();
    assertThat(t.lead()).isEmpty();
    assertThat(t.property(Identity.TOKEN_REJECTED)).contains("BAD_SIGNATURE");
    assertThat(f.identity.leadOf(v)).isEmpty();
    assertThat(f.identity.rejectedTokens()).isEqualTo(1);
    assertThatThrownBy(() -> f.identity.identifyByToken(v, forger.issue(victim.id())))
        .isInstanceOf(InvalidTokenException.class);
    assertThat(f.identity.leadOf(v)).isEmpty();
  }

  @Test
  void theHostCanAssertIdentityOnLoginAndOneLeadMayHaveSeveralVisitors() {
    Lead lead = f.lead("jiro@example.co.jp");
    VisitorId phone = VisitorId.of("phone-1");
    f.view(v, "/a");
    f.view(phone, "/b");
    StitchResult r = f.identity.identify(v, lead.id());
    f.identity.identify(phone, lead.id());
    assertThat(r.attributed()).hasSize(1);
    assertThat(r.newlyLinked()).isTrue();
    assertThat(f.identity.identify(v, lead.id()).newlyLinked()).isFalse();
    assertThat(f.identity.visitorsOf(lead.id())).hasSize(2);
    assertThat(f.urlsOf(lead.id())).containsExactly("/a", "/b");
  }

  @Test
  void aTouchpointNamingLeadAndVisitorLinksTheVisitor() {
    Lead lead = f.lead("jiro@example.co.jp");
    f.view(v, "/a");
    f.kit.track(Touchpoint.forLead(lead.id(), TouchpointType.PRODUCT_LOGIN, f.clock.instant())
        .visitor(v).build());
    assertThat(f.identity.leadOf(v)).contains(lead.id());
    assertThat(f.urlsOf(lead.id())).containsExactly("/a", "product_login");
  }

  @Test
  void anEmailOnATouchpointThatNamesItsLeadCreatesNothing() {
    Lead taro = f.lead("taro@example.co.jp");
    Touchpoint t = f.kit.track(Touchpoint.forLead(taro.id(), TouchpointType.FORM_SUBMITTED,
        f.clock.instant()).property(PropertyKey.EMAIL, "someone@example.com").build())
        .touchpoint();
    assertThat(t.lead()).contains(taro.id());
    assertThat(t.properties()).doesNotContainKey(PropertyKey.EMAIL);
    assertThat(f.kit.leadStore().count()).isEqualTo(1);
  }

  @Test
  void withoutAKeyRingATokenIsRefusedAndMarked() {
    Fixture plain = new Fixture(Identity.ofDefaults());
    Touchpoint t = plain.kit.track(Touchpoint.forVisitor(v, TouchpointType.PAGE_VIEW,
        plain.clock.instant()).property(PropertyKey.LINK_TOKEN, "AQIDBA").build()).touchpoint();
    assertThat(t.lead()).isEmpty();
    assertThat(t.property(Identity.TOKEN_REJECTED)).contains("NO_KEY_RING");
  }

  @Test
  void aLinkedVisitorIsNeverSilentlyRepointed() {
    Lead taro = f.lead("taro@example.co.jp");
    f.identity.identify(v, taro.id());
    Touchpoint t = form(v, "hanako@example.co.jp");
    Lead hanako = f.kit.leadByEmail("hanako@example.co.jp").orElseThrow();
    assertThat(t.lead()).as("the form itself is Hanako's").contains(hanako.id());
    assertThat(f.identity.leadOf(v)).as("the visitor stays Taro's").contains(taro.id());
    assertThat(events).filteredOn(IdentityConflict.class::isInstance).singleElement()
        .isInstanceOfSatisfying(IdentityConflict.class, c -> {
          assertThat(c.linkedLead()).isEqualTo(taro.id());
          assertThat(c.claimedLead()).isEqualTo(hanako.id());
        });
    assertThatThrownBy(() -> f.identity.identify(v, hanako.id()))
        .isInstanceOf(VisitorAlreadyLinkedException.class).hasMessageContaining("reassign");
  }

  @Test
  void reassignMovesTheVisitorAndItsLaterTouchpointsExplicitly() {
    Lead taro = f.lead("taro@example.co.jp");
    Lead hanako = f.lead("hanako@example.co.jp");
    f.view(v, "/taro-reads-this");
    f.identity.identify(v, taro.id());
    Instant shared = f.clock.instant().plusSeconds(1);
    f.view(v, "/hanako-reads-this");
    VisitorReassigned r = f.identity.reassign(v, hanako.id(), shared, "shared office PC");
    assertThat(r.moved()).hasSize(1);
    assertThat(f.urlsOf(taro.id())).containsExactly("/taro-reads-this");
    assertThat(f.urlsOf(hanako.id())).containsExactly("/hanako-reads-this");
    f.view(v, "/later");
    assertThat(f.urlsOf(hanako.id())).contains("/later");
    assertThat(events).filteredOn(VisitorReassigned.class::isInstance).hasSize(1);
  }

  @Test
  void unlinkMakesTheVisitorAnonymousAgain() {
    Lead taro = f.lead("taro@example.co.jp");
    f.identity.identify(v, taro.id());
    f.view(v, "/x");
    f.identity.unlink(v, Fixture.T0, "not Taro after all");
    assertThat(f.urlsOf(taro.id())).isEmpty();
    assertThat(f.identity.leadOf(v)).isEmpty();
    assertThat(f.kit.touchpointLog().findByVisitor(v)).singleElement()
        .satisfies(t -> assertThat(t.lead()).isEmpty());
  }

  @Test
  void aMalformedFormAddressIsRefusedBeforeAnythingIsStored() {
    f.view(v, "/");
    assertThatThrownBy(() -> form(v, "not-an-address")).isInstanceOf(InvalidEmailException.class)
        .hasMessageContaining("not-an-address");
    assertThat(f.kit.touchpointLog().count()).isEqualTo(1);
    assertThat(f.identity.leadOf(v)).isEmpty();
  }

  @Test
  void aTouchpointAddressedToAMergedLeadGoesToTheSurvivor() {
    Lead a = f.lead("a@example.com");
    Lead b = f.lead("b@example.com");
    f.identity.merge(MergeRequest.of(b.id(), a.id(), "test", "same").forced());
    Touchpoint t = f.kit.track(Touchpoint.forLead(a.id(), TouchpointType.EMAIL_OPENED,
        f.clock.instant()).build()).touchpoint();
    assertThat(t.lead()).contains(b.id());
    assertThat(t.property(Identity.MERGED_FROM)).contains(a.id().value());
    assertThat(f.identity.lead(a.id()).map(Lead::id)).contains(b.id());
    assertThat(f.identity.leadByEmail("a@example.com").map(Lead::id)).contains(b.id());
    assertThat(f.identity.resolve(LeadId.of("never-merged"))).isEqualTo(LeadId.of("never-merged"));
  }
}
