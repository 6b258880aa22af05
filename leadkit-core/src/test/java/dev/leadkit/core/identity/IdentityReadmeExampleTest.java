package dev.leadkit.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MergeRecord;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The code of the identity section of the README (.notes/identity.md), kept compiling. */
class IdentityReadmeExampleTest {
  private static byte[] fromVault(String name) {
    return (name + "-0123456789abcdef0123456789abcdef").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readmeExampleRuns() {
    ManualClock clock = ManualClock.at("2025-10-08T01:00:00Z");
    // --- README: identity
    Identity identity = Identity.custom()
        .keyRing(LinkKeyRing.of(LinkKey.of("k1", fromVault("link-key-1"))))
        .suppressionPepper(fromVault("suppression-pepper"))
        .build();
    LeadKit kit = LeadKit.builder().clock(clock).install(identity).build();

    // an imported business card, and a tagging mail to it
    Lead taro = kit.upsertLead(LeadInput.email("taro@example.co.jp").build()).lead();
    LinkTagger tagger = identity.tagger("example.co.jp").timeToLive(Duration.ofDays(90)).build();
    String html = tagger.tagHtml("<a href=\"https://example.co.jp/seminar\">Join</a>",
        taro.id(), Optional.of(MessageKey.of("seminar-invite-1")));

    // Taro clicks; the landing page reads the "lk" parameter of its URL and passes it with the
    // page view: the visitor is Taro from now on, and its earlier anonymous views are Taro's too
    String landingUrl = tagger.tagUrl("https://example.co.jp/seminar", taro.id(), Optional.empty());
    VisitorId cookie = VisitorId.of("cookie-123");
    kit.track(Touchpoint.forVisitor(cookie, TouchpointType.PAGE_VIEW, clock.instant())
        .url("/seminar").property(PropertyKey.LINK_TOKEN, tagger.tokenIn(landingUrl).orElseThrow())
        .build());
    Optional<LeadId> known = identity.leadOf(cookie);   // Taro

    // a web form with an address does the same, creating the lead if needed
    kit.track(Touchpoint.forVisitor(VisitorId.of("cookie-456"), TouchpointType.FORM_SUBMITTED,
        clock.instant()).property(PropertyKey.EMAIL, "t.yamada@example.co.jp").build());

    // the same person under two addresses: merging two known addresses must be forced
    Lead other = kit.leadByEmail("t.yamada@example.co.jp").orElseThrow();
    MergeRecord merge = identity.merge(
        MergeRequest.of(taro.id(), other.id(), "alice@sales", "same person").forced());
    identity.undo(merge.id(), "alice@sales", "two people after all");

    // GDPR: export, then erase (the address stays suppressed)
    String json = identity.export(taro.id());
    identity.erase(taro.id(), "dpo", "request #12");
    // --- README end

    assertThat(html).contains("lk=");
    assertThat(known).contains(taro.id());
    assertThat(identity.leadOf(cookie)).isEmpty();
    assertThat(json).contains("/seminar");
    assertThat(identity.isSuppressed("taro@example.co.jp")).isTrue();
    assertThat(kit.lead(other.id())).isPresent();
  }
}
