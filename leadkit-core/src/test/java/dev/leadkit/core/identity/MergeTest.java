package dev.leadkit.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.port.MergeRecord;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeTest {
  private final Fixture f = new Fixture();
  private final List<LeadkitEvent> events = new ArrayList<>();

  {
    f.kit.events().onAny(events::add);
  }

  private Lead card() {
    return f.kit.upsertLead(LeadInput.email("taro@example.co.jp")
        .attribute(AttributeKey.COMPANY, "Example KK")
        .attribute(AttributeKey.SOURCE, "import:expo-2025")
        .attribute(AttributeKey.INTEREST, AttributeValue.list(List.of("security")))
        .attribute(AttributeKey.COMPANY_SIZE, AttributeValue.number(300))
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "business-card")
        .owner(OwnerId.of("sato")).build()).lead();
  }

  private Lead web() {
    f.clock.advance(Duration.ofDays(3));
    Lead l = f.kit.upsertLead(LeadInput.email("t.yamada@example.co.jp")
        .attribute(AttributeKey.COMPANY, "Example K.K.")
        .attribute(AttributeKey.SOURCE, "web-form")
        .attribute(AttributeKey.TITLE, "IT manager")
        .attribute(AttributeKey.INTEREST, AttributeValue.list(List.of("cloud", "security")))
        .attribute(AttributeKey.COMPANY_SIZE, AttributeValue.number(250))
        .consent(Channel.EMAIL, ConsentStatus.UNSUBSCRIBED, "unsubscribe-link").build()).lead();
    f.kit.changeStage(l.id(), LifecycleStage.MQL, "score");
    f.kit.track(Touchpoint.forLead(l.id(), TouchpointType.ASSET_DOWNLOADED, f.clock.instant())
        .id("dl-1").build());
    return f.kit.require(l.id());
  }

  @Test
  void twoKnownDifferentAddressesAreNotMergedWithoutForce() {
    Lead a = card();
    Lead b = web();
    assertThatThrownBy(() -> f.identity.merge(MergeRequest.of(a.id(), b.id(), "alice", "dup")))
        .isInstanceOf(MergeGuardException.class).hasMessageContaining("taro@example.co.jp")
        .hasMessageContaining("t.yamada@example.co.jp");
    assertThat(f.kit.lead(b.id())).isPresent();
    assertThat(f.identity.mergeHistory(a.id())).isEmpty();
  }

  @Test
  void aForcedMergeAppliesTheRulesAndRecordsEverything() {
    Lead a = card();
    f.kit.track(Touchpoint.forLead(a.id(), TouchpointType.EVENT_ATTENDED, Fixture.T0).id("booth")
        .build());
    Lead b = web();
    VisitorId v = VisitorId.of("c-1");
    f.identity.identify(v, b.id());

    MergeRecord r = f.identity.merge(MergeRequest.of(a.id(), b.id(), "alice", "same person")
        .forced());

    Lead s = f.kit.require(a.id());
    assertThat(s.email().value()).isEqualTo("taro@example.co.jp");
    assertThat(s.attributes().text(AttributeKey.COMPANY)).as("most recent").contains("Example K.K.");
    assertThat(s.attributes().text(AttributeKey.TITLE)).contains("IT manager");
    assertThat(s.attributes().text(AttributeKey.SOURCE)).as("oldest").contains("import:expo-2025");
    assertThat(s.attributes().get(AttributeKey.INTEREST)).as("union")
        .contains(AttributeValue.list(List.of("security", "cloud")));
    assertThat(s.stage()).as("furthest").isEqualTo(LifecycleStage.MQL);
    assertThat(s.consent(Channel.EMAIL).orElseThrow().status()).as("most restrictive")
        .isEqualTo(ConsentStatus.UNSUBSCRIBED);
    assertThat(s.owner()).contains(OwnerId.of("sato"));
    assertThat(s.createdAt()).isEqualTo(Fixture.T0);
    assertThat(f.kit.touchpointLog().findByLead(a.id(), TouchpointQuery.all()))
        .extracting(t -> t.id().value()).containsExactlyInAnyOrder("booth", "dl-1");
    assertThat(f.identity.leadOf(v)).contains(a.id());
    assertThat(f.kit.lead(b.id())).isEmpty();
    assertThat(f.identity.lead(b.id()).map(Lead::id)).contains(a.id());

    assertThat(r.forced()).isTrue();
    assertThat(r.automatic()).isFalse();
    assertThat(r.actor()).isEqualTo("alice");
    assertThat(r.reason()).isEqualTo("same person");
    assertThat(r.at()).isEqualTo(f.clock.instant());
    assertThat(r.survivorBefore().sameContent(a.withVersion(a.version()))).isTrue();
    assertThat(r.mergedBefore()).isEqualTo(b);
    assertThat(r.decisions()).extracting(MergeRecord.Decision::field)
        .contains("company", "interest", "stage", "consent.email", "title");
    assertThat(r.decisions()).filteredOn(d -> d.field().equals("company")).singleElement()
        .satisfies(d -> assertThat(d.rule()).isEqualTo("most_recent"));
    assertThat(events).filteredOn(LeadsMerged.class::isInstance).hasSize(1);
  }

  @Test
  void typedRegistrationDeliversMergeEventsUntilCancelled() {
    Lead a = f.lead("a@example.com");
    Lead b = f.lead("b@example.com");
    Lead c = f.lead("c@example.com");
    List<MergeRecord> seen = new ArrayList<>();
    var sub = f.identity.onLeadsMerged(e -> seen.add(e.record()));
    MergeRecord first = f.identity.merge(MergeRequest.of(a.id(), b.id(), "x", "dup").forced());
    sub.cancel();
    f.identity.merge(MergeRequest.of(a.id(), c.id(), "x", "dup").forced());
    assertThat(seen).containsExactly(first);
  }

  @Test
  void listenersAreCalledSoDependentStateCanBeRecomputed() {
    Lead a = card();
    Lead b = web();
    List<String> calls = new ArrayList<>();
    f.identity.addListener(new IdentityListener() {
      @Override
      public void leadsMerged(LeadsMerged e) {
        calls.add("merged " + f.kit.touchpointLog().findByLead(e.record().survivor(),
            TouchpointQuery.all()).size());
      }

      @Override
      public void mergeUndone(MergeUndone e) {
        calls.add("undone " + e.restored().id().equals(b.id()));
      }
    });
    f.identity.addListener(new IdentityListener() {
      @Override
      public void leadsMerged(LeadsMerged e) {
        throw new IllegalStateException("a broken listener");
      }
    });
    MergeRecord r = f.identity.merge(MergeRequest.of(a.id(), b.id(), "alice", "dup").forced());
    f.identity.undo(r.id(), "bob", "two people");
    assertThat(calls).containsExactly("merged 1", "undone true");
  }

  @Test
  void undoRestoresBothLeadsTouchpointsAndVisitors() {
    Lead a = card();
    Lead b = web();
    VisitorId v = VisitorId.of("c-1");
    f.identity.identify(v, b.id());
    Lead aBefore = f.kit.require(a.id());
    Lead bBefore = f.kit.require(b.id());
    MergeRecord r = f.identity.merge(MergeRequest.of(a.id(), b.id(), "alice", "dup").forced());
    f.clock.advance(Duration.ofHours(1));

    MergeUndone u = f.identity.undo(r.id(), "bob", "two people");

    assertThat(f.kit.require(a.id()).withVersion(0)).isEqualTo(aBefore.withVersion(0));
    assertThat(f.kit.require(b.id()).withVersion(0)).isEqualTo(bBefore.withVersion(0));
    assertThat(f.kit.touchpointLog().findByLead(b.id(), TouchpointQuery.all()))
        .extracting(t -> t.id().value()).containsExactly("dl-1");
    assertThat(f.identity.leadOf(v)).contains(b.id());
    assertThat(f.identity.resolve(b.id())).isEqualTo(b.id());
    assertThat(u.record().undo()).hasValueSatisfying(x -> assertThat(x.actor()).isEqualTo("bob"));
    assertThat(f.identity.mergeRecord(r.id()).orElseThrow().isUndone()).isTrue();
    assertThatThrownBy(() -> f.identity.undo(r.id(), "bob", "again"))
        .isInstanceOf(MergeConflictException.class).hasMessageContaining("undone already");
  }

  @Test
  void laterChangesAreKeptOnTheRightLeadAfterUndo() {
    Lead a = card();
    Lead b = web();
    VisitorId v = VisitorId.of("c-1");
    f.identity.identify(v, b.id());
    MergeRecord r = f.identity.merge(MergeRequest.of(a.id(), b.id(), "alice", "dup").forced());
    f.clock.advance(Duration.ofHours(1));
    // a page view from the merged lead's visitor, a mail opened through the merged id,
    // and a phone number set on the survivor (whose merged value was the survivor's own)
    f.view(v, "/after");
    f.kit.track(Touchpoint.forLead(b.id(), TouchpointType.EMAIL_OPENED, f.clock.instant())
        .id("open-b").build());
    f.kit.track(Touchpoint.forLead(a.id(), TouchpointType.CALL_LOGGED, f.clock.instant())
        .id("call-a").build());
    f.kit.modify(a.id(), l -> l.withAttributes(l.attributes().with(AttributeKey.PHONE,
        "03-1234-5678"), f.clock.instant()));

    f.identity.undo(r.id(), "bob", "two people");

    assertThat(f.urlsOf(b.id())).containsExactlyInAnyOrder("asset_downloaded", "/after",
        "email_opened");
    assertThat(f.urlsOf(a.id())).containsExactly("call_logged");
    assertThat(f.kit.require(a.id()).attributes().text(AttributeKey.PHONE))
        .contains("03-1234-5678");
    assertThat(f.kit.require(b.id()).attributes().has(AttributeKey.PHONE)).isFalse();
  }

  @Test
  void anAmbiguousLaterChangeRefusesTheUndoAndNamesIt() {
    Lead a = card();
    Lead b = web();
    MergeRecord r = f.identity.merge(MergeRequest.of(a.id(), b.id(), "alice", "dup").forced());
    // the title came from the merged lead; changing it afterwards cannot be given to one lead
    f.kit.modify(a.id(), l -> l.withAttributes(l.attributes().with(AttributeKey.TITLE, "CIO"),
        f.clock.instant()));
    Lead before = f.kit.require(a.id());

    assertThatThrownBy(() -> f.identity.undo(r.id(), "bob", "two people"))
        .isInstanceOfSatisfying(MergeConflictException.class, e -> {
          assertThat(e.conflicts()).extracting(MergeConflictException.Conflict::field)
              .containsExactly("title");
          assertThat(e.getMessage()).contains("title").contains("IT manager").contains("CIO");
        });
    assertThat(f.kit.require(a.id())).isEqualTo(before);
    assertThat(f.kit.lead(b.id())).isEmpty();
    assertThat(f.identity.mergeRecord(r.id()).orElseThrow().isUndone()).isFalse();
  }

  @Test
  void anUnsubscribeAfterTheMergeSurvivesTheUndoOnBothLeads() {
    Lead a = card();
    Lead b = f.kit.upsertLead(LeadInput.email("b@example.co.jp")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead();
    MergeRecord r = f.identity.merge(MergeRequest.of(a.id(), b.id(), "alice", "dup").forced());
    f.kit.recordConsent(a.id(), Channel.EMAIL, ConsentStatus.UNSUBSCRIBED, "unsubscribe-link");
    f.identity.undo(r.id(), "bob", "two people");
    assertThat(f.kit.require(a.id()).mayContact(Channel.EMAIL)).isFalse();
    assertThat(f.kit.require(b.id()).mayContact(Channel.EMAIL)).isFalse();
  }

  @Test
  void undoingAMergeWhoseSurvivorWasMergedAgainNamesTheLaterMerge() {
    Lead a = f.lead("a@example.com");
    Lead b = f.lead("b@example.com");
    Lead c = f.lead("c@example.com");
    MergeRecord first = f.identity.merge(MergeRequest.of(b.id(), a.id(), "x", "dup").forced());
    MergeRecord second = f.identity.merge(MergeRequest.of(c.id(), b.id(), "x", "dup").forced());
    assertThat(f.identity.resolve(a.id())).isEqualTo(c.id());
    assertThatThrownBy(() -> f.identity.undo(first.id(), "x", "oops"))
        .isInstanceOf(MergeConflictException.class).hasMessageContaining(second.id().value());
    f.identity.undo(second.id(), "x", "oops");
    f.identity.undo(first.id(), "x", "oops");
    assertThat(f.kit.leadStore().count()).isEqualTo(3);
  }

  @Test
  void aPlaceholderAddressIsNotAKnownAddressAndGivesWayToTheKnownOne() {
    Lead card = f.kit.upsertLead(LeadInput.email("card-17@cards.invalid")
        .attribute(AttributeKey.PHONE, "03-1111-2222").build()).lead();
    Lead web = f.lead("taro@example.co.jp");
    MergeRecord r = f.identity.merge(MergeRequest.of(card.id(), web.id(), "x", "same phone"));
    assertThat(r.forced()).isFalse();
    Lead s = f.kit.require(card.id());
    assertThat(s.email().value()).isEqualTo("taro@example.co.jp");
    assertThat(f.kit.leadByEmail("taro@example.co.jp").map(Lead::id)).contains(card.id());
    f.identity.undo(r.id(), "x", "oops");
    assertThat(f.kit.require(card.id()).email().value()).isEqualTo("card-17@cards.invalid");
    assertThat(f.kit.require(web.id()).email().value()).isEqualTo("taro@example.co.jp");
  }

  @Test
  void customPoliciesChooseBySourcePriorityAndMaxAndOwnerRule() {
    MergePolicy p = MergePolicy.custom().rule(AttributeKey.COMPANY, MergePolicy.Rule.SOURCE_PRIORITY)
        .rule(AttributeValue.Kind.NUMBER, MergePolicy.Rule.MAX)
        .sourcePriority("crm", "import", "web").ownerRule(MergePolicy.OwnerRule.SURVIVOR_FIRST)
        .build();
    Lead a = card();
    Lead b = web();
    f.kit.assignOwner(b.id(), OwnerId.of("suzuki"));
    f.identity.merge(MergeRequest.of(b.id(), a.id(), "x", "dup").forced().withPolicy(p));
    Lead s = f.kit.require(b.id());
    assertThat(s.attributes().text(AttributeKey.COMPANY)).as("import beats web")
        .contains("Example KK");
    assertThat(s.attributes().number(AttributeKey.COMPANY_SIZE)).hasValueSatisfying(
        n -> assertThat(n.intValue()).isEqualTo(300));
    assertThat(s.owner()).contains(OwnerId.of("suzuki"));
    assertThat(p.orderIndependent()).isFalse();
    assertThat(MergePolicy.ofDefaults().orderIndependent()).isTrue();
  }

  @Test
  void mergingALeadIntoItselfOrAMissingLeadChangesNothing() {
    Lead a = f.lead("a@example.com");
    Lead b = f.lead("b@example.com");
    f.identity.merge(MergeRequest.of(b.id(), a.id(), "x", "dup").forced());
    assertThatThrownBy(() -> f.identity.merge(MergeRequest.of(b.id(), a.id(), "x", "again")
        .forced())).hasMessageContaining("one lead already");
    assertThatThrownBy(() -> f.identity.merge(MergeRequest.of(b.id(), LeadId.of("ghost"), "x",
        "?").forced())).hasMessageContaining("ghost");
    assertThat(f.identity.mergeHistory(b.id())).hasSize(1);
    assertThat(Map.of("leads", f.kit.leadStore().count())).containsEntry("leads", 1L);
  }
}
