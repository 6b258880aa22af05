package dev.leadkit.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.identity.InvalidTokenException.Reason;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LinkTokensTest {
  static final Instant T0 = Instant.parse("2025-10-08T01:00:00Z");
  static final LinkKey K1 = LinkKey.of("k1", secret('a'));
  static final LinkKey K2 = LinkKey.of("k2", secret('b'));
  static final LeadId LEAD = LeadId.of("0b6f1a4e-6a1c-4d3e-9f55-2b8c1d7e9a01");
  static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/%";

  static byte[] secret(char c) {
    return String.valueOf(c).repeat(32).getBytes(StandardCharsets.US_ASCII);
  }

  private final ManualClock clock = ManualClock.at(T0);
  private final LinkTokens tokens = LinkTokens.of(LinkKeyRing.of(K1), clock);

  @Test
  void aTokenNamesItsLeadMessageKeyAndExpiry() {
    String t = tokens.issue(LEAD, Optional.of(MessageKey.of("welcome:v1:step-1")),
        Optional.of(T0.plus(Duration.ofDays(30))));
    VerifiedToken v = tokens.verify(t);
    assertThat(v.lead()).isEqualTo(LEAD);
    assertThat(v.message()).contains(MessageKey.of("welcome:v1:step-1"));
    assertThat(v.expiresAt()).contains(T0.plus(Duration.ofDays(30)));
    assertThat(v.keyId()).isEqualTo("k1");
  }

  @Test
  void aTokenIsShortAndUrlSafe() {
    String t = tokens.issue(LEAD, Optional.of(MessageKey.of("welcome:v1:step-1")),
        Optional.of(T0.plus(Duration.ofDays(30))));
    assertThat(t).matches("[A-Za-z0-9_-]+").hasSizeLessThan(120);
  }

  @Test
  void aTokenNeverRevealsTheEmailAddress() {
    LeadId id = LeadId.of("lead-42");
    String t = tokens.issue(id);
    String decoded = new String(java.util.Base64.getUrlDecoder().decode(t),
        StandardCharsets.ISO_8859_1);
    assertThat(decoded).doesNotContain("@").contains("lead-42");
  }

  @Test
  void anExpiredTokenIsRefusedAsExpired() {
    String t = tokens.issue(LEAD, Optional.empty(), Optional.of(T0.plusSeconds(60)));
    clock.advance(Duration.ofSeconds(60));
    assertThatThrownBy(() -> tokens.verify(t)).isInstanceOfSatisfying(InvalidTokenException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefusedAsForged() {
    LinkTokens forger = LinkTokens.of(LinkKeyRing.of(LinkKey.of("k1", secret('z'))), clock);
    String forged = forger.issue(LeadId.of("ceo-of-acme"));
    assertThatThrownBy(() -> tokens.verify(forged))
        .isInstanceOfSatisfying(InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void aTokenOfAnUnknownKeyIsRefusedAsUnknownKey() {
    String t = LinkTokens.of(LinkKeyRing.of(K2), clock).issue(LEAD);
    assertThatThrownBy(() -> tokens.verify(t)).isInstanceOfSatisfying(InvalidTokenException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
  }

  @Test
  void afterRotationTheNewestKeySignsAndOldTokensStillVerify() {
    String old = tokens.issue(LEAD);
    LinkTokens rotated = LinkTokens.of(tokens.keyRing().withNewKey(K2), clock);
    String fresh = rotated.issue(LEAD);
    assertThat(rotated.verify(old).keyId()).isEqualTo("k1");
    assertThat(rotated.verify(fresh).keyId()).isEqualTo("k2");
    LinkTokens retired = LinkTokens.of(rotated.keyRing().without("k1"), clock);
    assertThatThrownBy(() -> retired.verify(old)).isInstanceOf(InvalidTokenException.class);
    assertThat(retired.verify(fresh).lead()).isEqualTo(LEAD);
  }

  @Test
  void garbageIsRefusedAsMalformedQuotingOnlyItsStart() {
    assertThatThrownBy(() -> tokens.verify("not a token at all, clearly"))
        .isInstanceOfSatisfying(InvalidTokenException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
          assertThat(e.getMessage()).contains("not a token at ").doesNotContain("clearly");
        });
    assertThatThrownBy(() -> tokens.verify("")).isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> tokens.verify("A".repeat(600)))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void weakKeysAndDuplicateKeyIdsAreRefused() {
    assertThatThrownBy(() -> LinkKey.of("k1", new byte[16]))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("16");
    assertThatThrownBy(() -> LinkKeyRing.of(K1, LinkKey.of("k1", secret('q'))))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("k1");
    assertThatThrownBy(() -> LinkKeyRing.of(K1).without("k1"))
        .isInstanceOf(InvalidValueException.class);
    assertThat(K1.toString()).doesNotContain("aaaa");
  }

  record Change(int position, char replacement, int kind) {}

  @Provide
  Arbitrary<Change> changes() {
    return Combinators.combine(Arbitraries.integers().between(0, 10_000),
        Arbitraries.of(ALPHABET.toCharArray()), Arbitraries.integers().between(0, 3))
        .as(Change::new);
  }

  @Provide
  Arbitrary<String> leadIds() {
    return Arbitraries.strings().withChars("abcdef0123456789-").ofMinLength(1).ofMaxLength(64);
  }

  /** Replace, insert, delete a character, or truncate: anything but the original is refused. */
  @Property(tries = 2000)
  void aTokenChangedInAnyWayIsRefused(@ForAll("leadIds") String lead,
      @ForAll("changes") Change change, @ForAll boolean withMessage) {
    String t = tokens.issue(LeadId.of(lead),
        withMessage ? Optional.of(MessageKey.of("m-" + lead)) : Optional.empty(),
        Optional.of(T0.plusSeconds(3600)));
    int p = change.position() % t.length();
    String changed = switch (change.kind()) {
      case 0 -> t.substring(0, p) + change.replacement() + t.substring(p + 1);
      case 1 -> t.substring(0, p) + change.replacement() + t.substring(p);
      case 2 -> t.substring(0, p) + t.substring(p + 1);
      default -> t.substring(0, p);
    };
    if (changed.equals(t)) {
      return; // replacing a character by itself is no change
    }
    assertThatThrownBy(() -> tokens.verify(changed)).isInstanceOf(InvalidTokenException.class);
  }

  @Property(tries = 200)
  void everyIssuedTokenVerifiesToItsLead(@ForAll("leadIds") String lead) {
    assertThat(tokens.verify(tokens.issue(LeadId.of(lead))).lead()).isEqualTo(LeadId.of(lead));
  }
}
