package dev.leadkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.event.ConsentChanged;
import dev.leadkit.core.event.LeadCreated;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.event.StageChanged;
import dev.leadkit.core.event.TouchpointRecorded;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadKitTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");
  private final LeadKit kit = LeadKit.builder().clock(clock).build();
  private final List<LeadkitEvent> events = new ArrayList<>();

  {
    kit.events().onAny(events::add);
  }

  @Test
  void upsertCreatesThenMergesByNormalisedEmail() {
    UpsertResult first = kit.upsertLead(LeadInput.email("Taro.Yamada@Example.CO.JP ")
        .attribute(AttributeKey.COMPANY, "Yamada Kogyo").build());
    clock.advance(Duration.ofHours(1));
    UpsertResult second = kit.upsertLead(LeadInput.email("taro.yamada@example.co.jp")
        .attribute(AttributeKey.TITLE, "Manager").build());
    assertThat(first.outcome()).isEqualTo(UpsertResult.Outcome.CREATED);
    assertThat(second.outcome()).isEqualTo(UpsertResult.Outcome.UPDATED);
    assertThat(second.lead().id()).isEqualTo(first.lead().id());
    assertThat(second.lead().attributes().text(AttributeKey.COMPANY)).contains("Yamada Kogyo");
    assertThat(second.lead().attributes().text(AttributeKey.TITLE)).contains("Manager");
    assertThat(second.lead().updatedAt()).isEqualTo(clock.instant());
    assertThat(kit.leadStore().count()).isEqualTo(1);
    assertThat(events).hasAtLeastOneElementOfType(LeadCreated.class);
  }

  @Test
  void upsertThatChangesNothingWritesNothing() {
    LeadInput in = LeadInput.email("a@example.com").attribute(AttributeKey.COMPANY, "ACME").build();
    Lead created = kit.upsertLead(in).lead();
    events.clear();
    UpsertResult again = kit.upsertLead(in);
    assertThat(again.outcome()).isEqualTo(UpsertResult.Outcome.UNCHANGED);
    assertThat(again.lead().version()).isEqualTo(created.version());
    assertThat(events).isEmpty();
  }

  @Test
  void upsertNeverResubscribesAnUnsubscribedLead() {
    Lead l = kit.upsertLead(LeadInput.email("a@example.com")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "card").build()).lead();
    kit.recordConsent(l.id(), Channel.EMAIL, ConsentStatus.UNSUBSCRIBED, "unsubscribe-link");
    Lead after = kit.upsertLead(LeadInput.email("a@example.com")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "re-import").build()).lead();
    assertThat(after.consent(Channel.EMAIL).orElseThrow().status())
        .isEqualTo(ConsentStatus.UNSUBSCRIBED);
    assertThat(after.mayContact(Channel.EMAIL)).isFalse();
  }

  @Test
  void stageChangeIsCheckedRecordedAndPublished() {
    Lead l = kit.upsertLead(LeadInput.email("a@example.com").build()).lead();
    clock.advance(Duration.ofMinutes(5));
    Lead mql = kit.changeStage(l.id(), LifecycleStage.MQL, "score crossed 20");
    assertThat(mql.stageHistory()).singleElement()
        .satisfies(c -> assertThat(c.at()).isEqualTo(clock.instant()));
    assertThat(events).filteredOn(StageChanged.class::isInstance).singleElement()
        .isEqualTo(new StageChanged(l.id(), LifecycleStage.KNOWN, LifecycleStage.MQL,
            "score crossed 20", clock.instant()));
    kit.changeStage(l.id(), LifecycleStage.CUSTOMER, "won");
    assertThatThrownBy(() -> kit.changeStage(l.id(), LifecycleStage.ANONYMOUS, "?"))
        .isInstanceOf(IllegalStageTransitionException.class);
    assertThat(kit.require(l.id()).stage()).isEqualTo(LifecycleStage.CUSTOMER);
  }

  @Test
  void consentChangeIsRecordedWithSourceAndTime() {
    Lead l = kit.upsertLead(LeadInput.email("a@example.com").build()).lead();
    Lead after = kit.recordConsent(l.id(), Channel.EMAIL, ConsentStatus.PENDING_CONFIRMATION,
        "newsletter-form");
    assertThat(after.consent(Channel.EMAIL).orElseThrow().source()).isEqualTo("newsletter-form");
    assertThat(after.mayContact(Channel.EMAIL)).isFalse();
    assertThat(events).filteredOn(ConsentChanged.class::isInstance).hasSize(1);
    Lead same = kit.recordConsent(l.id(), Channel.EMAIL, ConsentStatus.PENDING_CONFIRMATION, "x");
    assertThat(same.version()).isEqualTo(after.version());
  }

  @Test
  void trackingIsIdempotentAndRefusesUnknownLeadsWithoutWriting() {
    Lead l = kit.upsertLead(LeadInput.email("a@example.com").build()).lead();
    Touchpoint t = Touchpoint.forLead(l.id(), TouchpointType.PAGE_VIEW, clock.instant())
        .id("evt-1").url("/").build();
    assertThat(kit.track(t).recorded()).isTrue();
    assertThat(kit.track(t).recorded()).isFalse();
    assertThat(events).filteredOn(TouchpointRecorded.class::isInstance).hasSize(1);
    Touchpoint ghost = Touchpoint.forLead(LeadId.of("ghost"), TouchpointType.PAGE_VIEW,
        clock.instant()).id("evt-2").build();
    assertThatThrownBy(() -> kit.track(ghost)).isInstanceOf(UnknownLeadException.class);
    assertThat(kit.touchpointLog().count()).isEqualTo(1);
  }

  @Test
  void anonymousVisitorTouchpointsAccumulate() {
    VisitorId v = VisitorId.of("cookie-1");
    kit.track(Touchpoint.forVisitor(v, TouchpointType.PAGE_VIEW, clock.instant()).url("/").build());
    kit.track(Touchpoint.forVisitor(v, TouchpointType.PAGE_VIEW, clock.instant()).url("/p").build());
    assertThat(kit.touchpointLog().findByVisitor(v)).hasSize(2);
  }

  @Test
  void pluginsSeeTouchpointsInPhaseOrderAndLeadChanges() {
    List<String> seen = new ArrayList<>();
    LeadKitPlugin journeys = new LeadKitPlugin() {
      @Override
      public String name() {
        return "j";
      }

      @Override
      public void install(LeadKit k, Hooks hooks) {
        hooks.onTouchpoint(Hooks.Phase.JOURNEYS, t -> seen.add("journeys"));
        hooks.onDue("j", now -> 3);
      }
    };
    LeadKitPlugin scoring = new LeadKitPlugin() {
      @Override
      public String name() {
        return "s";
      }

      @Override
      public void install(LeadKit k, Hooks hooks) {
        hooks.onTouchpoint(Hooks.Phase.SCORING, t -> seen.add("scoring"));
        hooks.onLeadChange((before, after) -> seen.add("change:" + after.stage()));
      }
    };
    LeadKit k = LeadKit.builder().clock(clock).install(journeys).install(scoring).build();
    Lead l = k.upsertLead(LeadInput.email("a@example.com").build()).lead();
    k.track(Touchpoint.forLead(l.id(), TouchpointType.PAGE_VIEW, clock.instant()).build());
    assertThat(seen).containsExactly("change:KNOWN", "scoring", "journeys");
    assertThat(k.runDue().processed()).containsEntry("j", 3);
    assertThat(k.plugin(LeadKitPlugin.class)).containsSame(journeys);
  }

  @Test
  void builderRefusesAnOptionSetTwice() {
    assertThatThrownBy(() -> LeadKit.builder().clock(clock).clock(clock))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("already set");
  }

  @Test
  void modifyRetriesWhenAnotherWriterWins() {
    Lead l = kit.upsertLead(LeadInput.email("a@example.com").build()).lead();
    int[] calls = {0};
    Lead out = kit.modify(l.id(), cur -> {
      if (calls[0]++ == 0) {
        // a concurrent writer sneaks in between our read and our write
        kit.assignOwner(l.id(), OwnerId.of("rep-1"));
      }
      return cur.withAttributes(cur.attributes().with(AttributeKey.of("n"),
          AttributeValue.number(calls[0])), clock.instant());
    });
    assertThat(calls[0]).isEqualTo(2);
    assertThat(out.owner()).contains(OwnerId.of("rep-1"));
    assertThat(out.attributes().number(AttributeKey.of("n"))).isPresent();
  }

  @Test
  void trackAllWritesTheBatchAndQueriesByWindow() {
    Lead l = kit.upsertLead(LeadInput.email("a@example.com").build()).lead();
    Instant t0 = clock.instant();
    List<Touchpoint> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(Touchpoint.forLead(l.id(), TouchpointType.PAGE_VIEW, t0.plus(Duration.ofDays(i)))
          .id("p" + i).build());
    }
    assertThat(kit.trackAll(batch)).allMatch(TrackResult::recorded);
    assertThat(kit.touchpointLog().findByLead(l.id(), TouchpointQuery.all()
        .since(t0.plus(Duration.ofDays(7))))).hasSize(3);
  }
}
