package dev.leadkit.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.Hooks;
import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.LeadKitPlugin;
import dev.leadkit.core.event.ConsentChanged;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unsubscribe, bounce and complaint touchpoints change consent in the same decision. */
class ConsentFromTouchpointsTest {
  private final ManualClock clock = ManualClock.at("2026-05-01T00:00:00Z");

  private LeadKit engine(Identity identity, List<String> laterSaw) {
    LeadKitPlugin observer = new LeadKitPlugin() {
      @Override
      public String name() {
        return "observer";
      }

      @Override
      public void install(LeadKit kit, Hooks hooks) {
        // a later phase sees the consent change of the same input
        hooks.decide(Hooks.Phase.SEGMENTS, st -> st.touchpoint().ifPresent(t -> laterSaw.add(
            t.type().name() + ": " + st.lead().consent(Channel.EMAIL)
                .map(c -> c.status().name()).orElse("none"))));
      }
    };
    return LeadKit.builder().clock(clock).install(identity).install(observer).build();
  }

  private static LeadInput subscribed(String email) {
    return LeadInput.email(email).consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build();
  }

  private void track(LeadKit kit, LeadId lead, TouchpointType type, Optional<String> bounce) {
    Touchpoint.Builder b = Touchpoint.forLead(lead, type, clock.instant());
    bounce.ifPresent(v -> b.property(Identity.BOUNCE, v));
    kit.track(b.build());
  }

  @Test
  void anUnsubscribeTouchpointUnsubscribesWithoutSuppressing() {
    Identity identity = Identity.ofDefaults();
    List<String> laterSaw = new ArrayList<>();
    LeadKit kit = engine(identity, laterSaw);
    Lead lead = kit.upsertLead(subscribed("quits@example.com")).lead();
    List<ConsentChanged> heard = new ArrayList<>();
    kit.events().on(ConsentChanged.class, heard::add);

    track(kit, lead.id(), TouchpointType.EMAIL_UNSUBSCRIBED, Optional.empty());

    assertThat(kit.require(lead.id()).consent(Channel.EMAIL).orElseThrow().status())
        .isEqualTo(ConsentStatus.UNSUBSCRIBED);
    assertThat(kit.require(lead.id()).consent(Channel.EMAIL).orElseThrow().source())
        .isEqualTo("touchpoint:email_unsubscribed");
    assertThat(heard).hasSize(1);
    assertThat(laterSaw).containsExactly("email_unsubscribed: UNSUBSCRIBED");
    assertThat(identity.isSuppressed("quits@example.com")).isFalse();
  }

  @Test
  void aHardBounceAndAComplaintAlsoSuppressTheAddressASoftBounceDoesNothing() {
    Identity identity = Identity.ofDefaults();
    LeadKit kit = engine(identity, new ArrayList<>());
    Lead hard = kit.upsertLead(subscribed("gone@example.com")).lead();
    Lead soft = kit.upsertLead(subscribed("full@example.com")).lead();
    Lead angry = kit.upsertLead(subscribed("angry@example.com")).lead();

    track(kit, hard.id(), TouchpointType.EMAIL_BOUNCED, Optional.empty());
    track(kit, soft.id(), TouchpointType.EMAIL_BOUNCED, Optional.of("soft"));
    track(kit, angry.id(), TouchpointType.EMAIL_COMPLAINED, Optional.empty());

    assertThat(identity.isSuppressed("gone@example.com")).isTrue();
    assertThat(identity.isSuppressed("angry@example.com")).isTrue();
    assertThat(identity.isSuppressed("full@example.com")).isFalse();
    assertThat(kit.require(hard.id()).consent(Channel.EMAIL).orElseThrow().status())
        .isEqualTo(ConsentStatus.UNSUBSCRIBED);
    assertThat(kit.require(soft.id()).consent(Channel.EMAIL).orElseThrow().status())
        .isEqualTo(ConsentStatus.SUBSCRIBED);
    assertThat(kit.require(angry.id()).consent(Channel.EMAIL).orElseThrow().source())
        .isEqualTo("touchpoint:email_complained");
  }

  @Test
  void eachTypeIsConfigurable() {
    Identity identity = Identity.custom()
        .touchpointConsent(TouchpointType.EMAIL_UNSUBSCRIBED, TouchpointConsent.IGNORE)
        .touchpointConsent(TouchpointType.of("sms_stop"), TouchpointConsent.SUPPRESS)
        .build();
    LeadKit kit = engine(identity, new ArrayList<>());
    Lead a = kit.upsertLead(subscribed("a@example.com")).lead();
    Lead b = kit.upsertLead(subscribed("b@example.com")).lead();

    track(kit, a.id(), TouchpointType.EMAIL_UNSUBSCRIBED, Optional.empty());
    track(kit, b.id(), TouchpointType.of("sms_stop"), Optional.empty());

    assertThat(kit.require(a.id()).consent(Channel.EMAIL).orElseThrow().status())
        .isEqualTo(ConsentStatus.SUBSCRIBED);
    assertThat(kit.require(b.id()).consent(Channel.EMAIL).orElseThrow().status())
        .isEqualTo(ConsentStatus.UNSUBSCRIBED);
    assertThat(identity.isSuppressed("b@example.com")).isTrue();
  }
}
