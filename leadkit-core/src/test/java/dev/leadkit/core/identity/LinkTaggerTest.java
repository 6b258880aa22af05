package dev.leadkit.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.time.ManualClock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LinkTaggerTest {
  private final ManualClock clock = ManualClock.at(LinkTokensTest.T0);
  private final LinkTokens tokens = LinkTokens.of(LinkKeyRing.of(LinkTokensTest.K1), clock);
  private final LinkTagger tagger = LinkTagger.custom(tokens).trackedDomains("example.co.jp")
      .timeToLive(Duration.ofDays(90)).clock(clock).build();
  private final LeadId lead = LeadId.of("lead-42");

  private static String tokenOf(String s) {
    Matcher m = Pattern.compile("lk=([A-Za-z0-9_-]+)").matcher(s);
    assertThat(m.find()).as("a token in %s", s).isTrue();
    return m.group(1);
  }

  @Test
  void htmlLinksToTrackedSitesCarryAVerifiableTokenForTheLeadAndMessage() {
    String html = "<p><a href=\"https://www.example.co.jp/products?utm=mail#top\">Products</a>"
        + " <A class='x' HREF='https://example.co.jp/'>Home</A></p>";
    String out = tagger.tagHtml(html, lead, Optional.of(MessageKey.of("nl:2025-10")));
    assertThat(out).contains("href=\"https://www.example.co.jp/products?utm=mail&amp;lk=")
        .contains("#top\">Products</a>")
        .contains("HREF='https://example.co.jp/?lk=");
    VerifiedToken v = tokens.verify(tokenOf(out));
    assertThat(v.lead()).isEqualTo(lead);
    assertThat(v.message()).contains(MessageKey.of("nl:2025-10"));
    assertThat(v.expiresAt()).contains(LinkTokensTest.T0.plus(Duration.ofDays(90)));
  }

  @Test
  void linksToOtherSitesMailtoAndAnchorsAreLeftExactlyAsTheyAre() {
    String html = "<a href=\"https://evil-example.co.jp.attacker.com/x\">a</a>"
        + "<a href=\"mailto:sales@example.co.jp\">b</a><a href=\"#faq\">c</a>"
        + "<a href=\"https://partner.com/?a=1&amp;b=2\">d</a>";
    assertThat(tagger.tagHtml(html, lead, Optional.empty())).isEqualTo(html);
  }

  @Test
  void anExistingTokenParameterIsReplacedNotDuplicated() {
    String out = tagger.tagUrl("https://example.co.jp/a?lk=old&x=1", lead, Optional.empty());
    assertThat(out).startsWith("https://example.co.jp/a?x=1&lk=").doesNotContain("lk=old");
    assertThat(tagger.tokenIn(out)).map(t -> tokens.verify(t).lead()).contains(lead);
  }

  @Test
  void plainTextUrlsAreTaggedWithoutSwallowingSentencePunctuation() {
    String text = "See https://example.co.jp/seminar. Or http://other.org/x, thanks.";
    String out = tagger.tagText(text, lead, Optional.empty());
    assertThat(out).matches("See https://example\\.co\\.jp/seminar\\?lk=[A-Za-z0-9_-]+\\. Or "
        + "http://other\\.org/x, thanks\\.");
  }

  @Test
  void aTaggerWithoutTrackedDomainsIsRefused() {
    assertThatThrownBy(() -> LinkTagger.custom(tokens).build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("tracked domain");
    assertThatThrownBy(() -> LinkTagger.custom(tokens).trackedDomains("not a domain"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("not a domain");
  }
}
