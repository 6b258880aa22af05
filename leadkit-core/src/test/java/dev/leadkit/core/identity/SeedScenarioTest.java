package dev.leadkit.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.imports.CsvImportSpec;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The "nayose" scenarios of seeds 000 and 002: offline leads (exhibition business cards) and
 * online behaviour (newsletter sign-up, page views) of one person end up in one lead, by a form
 * carrying the address or by a tagging mail click.
 */
class SeedScenarioTest {
  private static final Instant EXPO = Instant.parse("2025-10-08T01:00:00Z");
  private final Fixture f = new Fixture();

  private static final String CARDS = """
      E-mail,Company,Department,Title
      Taro.Yamada@Example.CO.JP,株式会社エグザンプル,情報システム部,部長
      hanako.sato@acme.co.jp,Acme KK,Sales,Manager
      """;

  private CsvImportSpec expo() {
    return CsvImportSpec.custom("expo-2025").emailColumn("E-mail")
        .column("Company", AttributeKey.COMPANY).column("Department", AttributeKey.DEPARTMENT)
        .column("Title", AttributeKey.TITLE).consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED)
        .touchpoint(TouchpointType.EVENT_ATTENDED, EXPO, Map.of(PropertyKey.EVENT, "expo-2025"))
        .build();
  }

  @Test
  void businessCardImportThenNewsletterSignUpWithTheAddressInAnotherCaseIsOneLeadWithBothHistories() {
    f.identity.importCsv(new StringReader(CARDS), expo());
    f.clock.advance(Duration.ofDays(20));

    // weeks later, someone browses anonymously, then signs up for the newsletter
    VisitorId browser = VisitorId.of("cookie-7f3a");
    f.view(browser, "/");
    f.view(browser, "/products/security");
    f.kit.track(Touchpoint.forVisitor(browser, TouchpointType.FORM_SUBMITTED, f.clock.instant())
        .property(PropertyKey.FORM, "newsletter")
        .property(PropertyKey.EMAIL, "taro.yamada@example.co.jp").build());
    f.view(browser, "/whitepaper");

    assertThat(f.kit.leadStore().count()).as("one lead per person").isEqualTo(2);
    Lead taro = f.kit.leadByEmail("TARO.YAMADA@example.co.jp").orElseThrow();
    assertThat(taro.attributes().text(AttributeKey.COMPANY)).contains("株式会社エグザンプル");
    assertThat(taro.attributes().text(AttributeKey.TITLE)).contains("部長");
    List<Touchpoint> history = f.kit.touchpointLog().findByLead(taro.id(), TouchpointQuery.all());
    assertThat(history).extracting(Touchpoint::type).containsExactly(
        TouchpointType.EVENT_ATTENDED, TouchpointType.PAGE_VIEW, TouchpointType.PAGE_VIEW,
        TouchpointType.FORM_SUBMITTED, TouchpointType.PAGE_VIEW);
    assertThat(history.get(0).channel()).isEqualTo(Channel.OFFLINE);
    assertThat(f.identity.leadOf(browser)).contains(taro.id());
  }

  @Test
  void aTaggingMailClickStitchesAnAnonymousBrowsingHistoryToAnImportedLead() {
    f.identity.importCsv(new StringReader(CARDS), expo());
    Lead hanako = f.kit.leadByEmail("hanako.sato@acme.co.jp").orElseThrow();

    // she has browsed the site before, anonymously
    VisitorId laptop = VisitorId.of("cookie-b21c");
    f.view(laptop, "/");
    f.view(laptop, "/pricing");
    assertThat(f.kit.touchpointLog().findByLead(hanako.id(), TouchpointQuery.all())).hasSize(1);

    // the marketer sends a tagging mail to the imported leads
    LinkTagger tagger = f.identity.tagger("example.co.jp").timeToLive(Duration.ofDays(90))
        .build();
    String mail = tagger.tagHtml("<p>Seminar: <a href=\"https://www.example.co.jp/seminar?s=1\">"
        + "register</a></p>", hanako.id(), Optional.of(MessageKey.of("seminar-invite:"
        + hanako.id())));
    String landing = mail.substring(mail.indexOf("https://"), mail.indexOf("\">"))
        .replace("&amp;", "&");
    assertThat(landing).doesNotContain("hanako").doesNotContain("acme");

    // she clicks it on the same laptop: the landing page passes the token along
    f.clock.advance(Duration.ofDays(2));
    String token = tagger.tokenIn(landing).orElseThrow();
    f.kit.track(Touchpoint.forVisitor(laptop, TouchpointType.PAGE_VIEW, f.clock.instant())
        .url("/seminar").property(PropertyKey.LINK_TOKEN, token).build());
    f.view(laptop, "/seminar/register");

    List<Touchpoint> history = f.kit.touchpointLog().findByLead(hanako.id(),
        TouchpointQuery.all());
    assertThat(history).extracting(t -> t.property(PropertyKey.URL)
        .orElse(t.type().name())).containsExactly("event_attended", "/", "/pricing", "/seminar",
        "/seminar/register");
    assertThat(history.get(3).property(PropertyKey.MESSAGE_KEY))
        .contains("seminar-invite:" + hanako.id());
    assertThat(f.identity.leadOf(laptop)).contains(hanako.id());
  }
}
