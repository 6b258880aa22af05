package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.identity.Identity;
import dev.leadkit.core.identity.LinkKey;
import dev.leadkit.core.identity.LinkKeyRing;
import dev.leadkit.core.identity.LinkTagger;
import dev.leadkit.core.identity.MergeRequest;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MergeRecord;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The identity plugin end to end with every store on the database: stitching by tagged link and
 * by form, a forced merge and its undo, export and erasure.
 */
class IdentityOnJdbcTest {
  private static byte[] secret(String name) {
    return (name + "-0123456789abcdef0123456789abcdef").getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void stitchingMergingUndoAndErasureWorkOnTheDatabase(Dialect d) {
    JdbcStores stores = TestDatabases.stores(d, getClass().getName()).build();
    ManualClock clock = ManualClock.at("2025-10-08T01:00:00Z");
    Identity identity = Identity.custom()
        .keyRing(LinkKeyRing.of(LinkKey.of("k1", secret("link-key-1"))))
        .suppressionPepper(secret("suppression-pepper"))
        .links(stores.identityLinks()).mergeLog(stores.mergeLog())
        .suppressionList(stores.suppressionList())
        .build();
    LeadKit kit = LeadKit.builder().clock(clock).leadStore(stores.leadStore())
        .touchpointLog(stores.touchpointLog()).outbox(stores.outbox()).install(identity).build();

    Lead taro = kit.upsertLead(LeadInput.email("taro@example.co.jp").build()).lead();
    LinkTagger tagger = identity.tagger("example.co.jp").timeToLive(Duration.ofDays(90)).build();
    String landingUrl = tagger.tagUrl("https://example.co.jp/seminar", taro.id(),
        Optional.empty());
    VisitorId cookie = VisitorId.of("cookie-123");
    kit.track(Touchpoint.forVisitor(cookie, TouchpointType.PAGE_VIEW, clock.instant())
        .url("/seminar").property(PropertyKey.LINK_TOKEN, tagger.tokenIn(landingUrl)
            .orElseThrow()).build());
    assertThat(identity.leadOf(cookie)).contains(taro.id());
    assertThat(stores.identityLinks().visitorsOf(taro.id())).hasSize(1);

    clock.advance(Duration.ofMinutes(5));
    kit.track(Touchpoint.forVisitor(VisitorId.of("cookie-456"), TouchpointType.FORM_SUBMITTED,
        clock.instant()).property(PropertyKey.EMAIL, "t.yamada@example.co.jp").build());
    Lead other = kit.leadByEmail("t.yamada@example.co.jp").orElseThrow();

    clock.advance(Duration.ofMinutes(5));
    MergeRecord merge = identity.merge(
        MergeRequest.of(taro.id(), other.id(), "alice@sales", "same person").forced());
    assertThat(kit.lead(other.id())).isEmpty();
    assertThat(stores.mergeLog().find(merge.id())).contains(merge);
    assertThat(stores.identityLinks().findAlias(other.id())).isPresent();
    assertThat(stores.touchpointLog().findByLead(taro.id(), TouchpointQuery.all())).hasSize(2);

    identity.undo(merge.id(), "alice@sales", "two people after all");
    assertThat(kit.lead(other.id())).isPresent();
    assertThat(stores.mergeLog().find(merge.id()).orElseThrow().isUndone()).isTrue();
    assertThat(stores.identityLinks().findAlias(other.id())).isEmpty();

    String json = identity.export(taro.id());
    identity.erase(taro.id(), "dpo", "request #12");
    assertThat(json).contains("/seminar");
    assertThat(identity.isSuppressed("taro@example.co.jp")).isTrue();
    assertThat(stores.suppressionList().count()).isEqualTo(1);
    assertThat(kit.lead(taro.id())).isEmpty();
    assertThat(identity.leadOf(cookie)).isEmpty();
    assertThat(stores.mergeLog().findByLead(taro.id())).isEmpty();
    assertThat(kit.lead(other.id()).map(Lead::id)).contains(other.id());
    assertThat(stores.leadStore().findById(LeadId.of(taro.id().value()))).isEmpty();
  }
}
