package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.InvalidTimeZoneException;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.mail.MessageSent;
import dev.leadkit.core.port.NotSentReason;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.event.MessageSuppressed;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SendPoliciesTest {

  private static Journey oneMail(String id, String template) {
    return Journey.builder(id).reEntry(ReEntryPolicy.always()).send("mail", template).build();
  }

  private static SendDecision manual(Fixture f, Lead lead, String template, boolean operational,
      String label) {
    return f.journeys.send(new ManualMessage(lead.id(), template, Channel.EMAIL, Sender.OWNER,
        operational, label));
  }

  @Test
  void capMovesThirdMailOfTheWeekToWhenItFitsAcrossJourneys() {
    Fixture f = new Fixture(SendPolicies.custom()
        .cap(FrequencyCap.of(Channel.EMAIL, 2, Duration.ofDays(7))).build());
    for (String j : new String[] {"a", "b", "c"}) {
      f.journeys.publish(oneMail(j, "tpl-" + j));
    }
    Lead lead = f.lead();
    Instant start = f.now();
    for (String j : new String[] {"a", "b", "c"}) {
      f.journeys.enrol(JourneyId.of(j), lead.id(), "api");
    }
    f.kit.runDue();
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-a", "tpl-b");
    var third = f.journeys.sendLog().forLead(lead.id(), Instant.EPOCH).get(2);
    assertThat(third.template()).isEqualTo("tpl-c");
    assertThat(third.at()).isEqualTo(start.plus(Duration.ofDays(7)));
    f.runFor(Duration.ofDays(7));
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-a", "tpl-b", "tpl-c");
  }

  @Test
  void operationalMailIsExemptFromTheCapButNotFromConsent() {
    Fixture f = new Fixture(SendPolicies.custom()
        .cap(FrequencyCap.of(Channel.EMAIL, 1, Duration.ofDays(7))).build());
    Lead lead = f.lead();
    assertThat(manual(f, lead, "tpl-news", false, "n1").notBefore()).contains(f.now());
    assertThat(manual(f, lead, "tpl-receipt", true, "r1").notBefore()).contains(f.now());
    assertThat(manual(f, lead, "tpl-news-2", false, "n2").notBefore())
        .contains(f.now().plus(Duration.ofDays(7)));
    Lead pending = f.lead(b -> b.consent(Channel.EMAIL, ConsentStatus.PENDING_CONFIRMATION, "f")
        .consent(Channel.SMS, ConsentStatus.UNSUBSCRIBED, "f"));
    assertThat(manual(f, pending, "tpl-confirm", true, "c").queued()).isTrue();
    assertThat(manual(f, pending, "tpl-news", false, "n").reason()).contains("no_consent");
  }

  @Test
  void quietHoursMoveSendsToMorningInEachLeadsTimeZone() {
    Fixture f = new Fixture(SendPolicies.custom()
        .quietHours(QuietHours.between(LocalTime.of(20, 0), LocalTime.of(8, 0))).build());
    f.journeys.publish(oneMail("news", "tpl-news"));
    // 2026-04-01T00:00Z is 09:00 in Tokyo, 20:00 (previous day) in New York, 01:00 in London
    Lead tokyo = f.lead("Asia/Tokyo");
    Lead newYork = f.lead("America/New_York");
    Lead london = f.lead("Europe/London");
    Lead noZone = f.lead();
    for (Lead l : new Lead[] {tokyo, newYork, london, noZone}) {
      f.journeys.enrol(JourneyId.of("news"), l.id(), "api");
    }
    assertThat(notBefore(f, tokyo)).isEqualTo("2026-04-01T00:00:00Z");
    assertThat(notBefore(f, newYork)).isEqualTo("2026-04-01T12:00:00Z");
    assertThat(notBefore(f, london)).isEqualTo("2026-04-01T07:00:00Z");
    assertThat(notBefore(f, noZone)).isEqualTo("2026-04-01T08:00:00Z"); // default UTC
    f.runFor(Duration.ofHours(8));
    assertThat(f.templatesTo(tokyo.id())).hasSize(1);
    assertThat(f.templatesTo(london.id())).hasSize(1);
    assertThat(f.templatesTo(newYork.id())).isEmpty();
    f.runFor(Duration.ofHours(4));
    assertThat(f.templatesTo(newYork.id())).hasSize(1);
  }

  @Test
  void aLeadWithoutAZoneGetsQuietHoursInTheHostsDefaultZone() {
    Fixture f = new Fixture(SendPolicies.custom()
        .quietHours(QuietHours.between(LocalTime.of(20, 0), LocalTime.of(8, 0)))
        .defaultZone(ZoneId.of("America/New_York")).build());
    f.journeys.publish(oneMail("news", "tpl-news"));
    Lead noZone = f.lead();
    Lead tokyo = f.lead("Asia/Tokyo");
    f.journeys.enrol(JourneyId.of("news"), noZone.id(), "api");
    f.journeys.enrol(JourneyId.of("news"), tokyo.id(), "api");
    // 2026-04-01T00:00Z is 20:00 in New York: quiet until 08:00 there
    assertThat(notBefore(f, noZone)).isEqualTo("2026-04-01T12:00:00Z");
    assertThat(notBefore(f, tokyo)).isEqualTo("2026-04-01T00:00:00Z");
  }

  @Test
  void anInvalidZoneIsRefusedAtUpsertAndAStoredOneIsNeverMailedInAGuessedZone() {
    Fixture f = new Fixture(SendPolicies.custom()
        .quietHours(QuietHours.between(LocalTime.of(20, 0), LocalTime.of(8, 0))).build());
    f.journeys.publish(oneMail("news", "tpl-news"));
    assertThatThrownBy(() -> f.lead("Mars/Olympus"))
        .isInstanceOf(InvalidTimeZoneException.class).hasMessageContaining("Mars/Olympus");
    assertThat(f.kit.leadByEmail("lead1@example.com")).isEmpty();

    // a lead written before upserts checked zones, straight into the store
    Lead ok = f.lead();
    Lead legacy = f.kit.leadStore().save(ok.withAttributes(
        ok.attributes().with(AttributeKey.TIME_ZONE, "Mars/Olympus"), f.now()));
    f.journeys.enrol(JourneyId.of("news"), legacy.id(), "api");
    f.runFor(Duration.ofDays(1));
    assertThat(f.templatesTo(legacy.id())).isEmpty();
    assertThat(f.events(MessageSuppressed.class)).extracting(MessageSuppressed::reason)
        .containsExactly("invalid_time_zone");
  }

  @Test
  void aMailHeldByQuietHoursWaitsAgainWhenTheOwnerMailsMeanwhile() {
    Fixture f = new Fixture(SendPolicies.custom()
        .quietHours(QuietHours.between(LocalTime.of(20, 0), LocalTime.of(8, 0)))
        .salesCollision(Duration.ofDays(3)).build());
    f.journeys.publish(oneMail("news", "tpl-news"));
    Lead lead = f.lead();
    f.journeys.enrol(JourneyId.of("news"), lead.id(), "api"); // 00:00 UTC: held until 08:00
    f.clock.advance(Duration.ofHours(1));
    f.kit.track(Touchpoint.forLead(lead.id(), TouchpointType.SALES_EMAIL, f.now())
        .property(PropertyKey.OWNER, "rep-1").build());
    f.clock.advance(Duration.ofHours(7));
    assertThat(f.kit.dispatch().deferred()).isEqualTo(1);
    assertThat(f.templatesTo(lead.id())).isEmpty();
    assertThat(f.kit.outbox().findByLead(lead.id()).get(0).lastError().orElseThrow())
        .startsWith("SALES_COLLISION");
    f.runFor(Duration.ofDays(3));
    // free at 01:00 + 3 days, which is quiet: handed over at 08:00
    assertThat(f.events(MessageSent.class)).extracting(MessageSent::at)
        .containsExactly(Instant.parse("2026-04-04T08:00:00Z"));
  }

  @Test
  void withOwnerOnlyScopeAnotherRepsMailDoesNotHoldTheSend() {
    Fixture f = new Fixture(SendPolicies.custom().salesCollision(Duration.ofDays(3))
        .salesCollisionScope(SendPolicies.CollisionScope.OWNER_ONLY).build());
    f.journeys.publish(oneMail("news", "tpl-news"));
    Lead lead = f.lead(); // owned by rep-1
    f.kit.track(Touchpoint.forLead(lead.id(), TouchpointType.SALES_EMAIL, f.now())
        .property(PropertyKey.OWNER, "rep-2").build());
    f.journeys.enrol(JourneyId.of("news"), lead.id(), "api");
    f.kit.runDue();
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-news");
  }

  @Test
  void aLateDispatcherNeverBunchesDeliveriesPastTheCap() {
    Fixture f = new Fixture(SendPolicies.custom()
        .cap(FrequencyCap.of(Channel.EMAIL, 2, Duration.ofDays(1))).build());
    Lead lead = f.lead();
    Instant start = f.now();
    for (int i = 0; i < 3; i++) {
      manual(f, lead, "tpl-" + i, false, "m" + i);
      f.clock.advance(Duration.ofHours(1));
    }
    // decided for 00:00, 01:00 and (capped) 1 day later; the dispatcher comes at day 1, 03:00
    f.clock.set(start.plus(Duration.ofHours(27)));
    var report = f.kit.dispatch();
    assertThat(report.sent()).isEqualTo(2);
    assertThat(report.deferred()).isEqualTo(1);
    f.clock.advance(Duration.ofHours(23));
    assertThat(f.kit.dispatch().sent()).isZero();
    f.clock.advance(Duration.ofHours(1));
    assertThat(f.kit.dispatch().sent()).isEqualTo(1);
    assertThat(f.events(MessageSent.class)).extracting(MessageSent::at).containsExactly(
        start.plus(Duration.ofHours(27)), start.plus(Duration.ofHours(27)),
        start.plus(Duration.ofHours(51)));
  }

  private static String notBefore(Fixture f, Lead lead) {
    return f.journeys.sendLog().forLead(lead.id(), Instant.EPOCH).get(0).at().toString();
  }

  @Test
  void noAutomatedMailWithinDaysAfterTheOwnersOwnMail() {
    Fixture f = new Fixture(SendPolicies.custom().salesCollision(Duration.ofDays(3)).build());
    f.journeys.publish(oneMail("nurture", "tpl-n"));
    Lead lead = f.lead();
    Instant salesMail = f.now();
    f.kit.track(Touchpoint.forLead(lead.id(), TouchpointType.SALES_EMAIL, salesMail).build());
    f.clock.advance(Duration.ofDays(1));
    f.journeys.enrol(JourneyId.of("nurture"), lead.id(), "api");
    assertThat(notBefore(f, lead)).isEqualTo(salesMail.plus(Duration.ofDays(3)).toString());
    f.runFor(Duration.ofDays(1));
    assertThat(f.templatesTo(lead.id())).isEmpty();
    f.runFor(Duration.ofDays(1));
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-n");
  }

  @Test
  void sameTemplateIsNotSentTwiceWithinTheWindow() {
    Fixture f = new Fixture(SendPolicies.custom().duplicateWindow(Duration.ofDays(30)).build());
    f.journeys.publish(oneMail("a", "tpl-case-study"));
    f.journeys.publish(oneMail("b", "tpl-case-study"));
    Lead lead = f.lead();
    f.journeys.enrol(JourneyId.of("a"), lead.id(), "api");
    f.journeys.enrol(JourneyId.of("b"), lead.id(), "api");
    f.kit.runDue();
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-case-study");
    assertThat(f.events(MessageSuppressed.class)).singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("duplicate_template"));
    assertThat(f.journeys.stats(JourneyId.of("b")).suppressed()).isEqualTo(1);
    f.clock.advance(Duration.ofDays(31));
    f.journeys.enrol(JourneyId.of("a"), lead.id(), "api");
    f.kit.runDue();
    assertThat(f.templatesTo(lead.id())).hasSize(2);
  }

  @Test
  void consentIsCheckedAgainAtHandOver() {
    Fixture f = new Fixture(SendPolicies.custom()
        .quietHours(QuietHours.between(LocalTime.of(0, 0), LocalTime.of(8, 0))).build());
    Lead lead = f.lead();
    SendDecision d = manual(f, lead, "tpl-offer", false, "offer-1");
    assertThat(d.notBefore()).contains(Instant.parse("2026-04-01T08:00:00Z"));
    f.kit.recordConsent(lead.id(), Channel.EMAIL, ConsentStatus.UNSUBSCRIBED, "link");
    f.runFor(Duration.ofHours(10));
    assertThat(f.mailer.deliveries()).isEmpty();
    assertThat(f.kit.outbox().find(d.key()).orElseThrow().status())
        .isEqualTo(OutboxStatus.CANCELLED);
    assertThat(f.kit.outbox().find(d.key()).orElseThrow().reason())
        .contains(NotSentReason.NO_CONSENT);
  }

  @Test
  void manualSendWithTheSameLabelGoesOutOnce() {
    Fixture f = new Fixture();
    Lead lead = f.lead();
    SendDecision first = manual(f, lead, "tpl-hello", false, "hello");
    SendDecision again = manual(f, lead, "tpl-hello", false, "hello");
    assertThat(again.key()).isEqualTo(first.key());
    f.kit.runDue();
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-hello");
    assertThat(f.mailer.deliveries().get(0).message().sender()).isPresent();
  }
}
