package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.identity.Identity;
import dev.leadkit.core.identity.MergeRequest;
import dev.leadkit.core.json.LeadkitJson;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.IdentityLinks;
import dev.leadkit.core.port.MergeLog;
import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.port.StaticListStore;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.Trigger;
import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.port.SendLog;
import dev.leadkit.scoring.ScoreStateStore;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringPlugin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The erasure contract over every port: an engine with identity, scoring, segments and journeys
 * on {@link #newStores()} fills each port for a lead (and a lead merged into it), exports it,
 * erases it, and then nothing about the lead remains except the peppered suppression hash and
 * anonymous counts; a bystander lead is untouched. Subclasses for stores that can list raw
 * rows also prove that no row anywhere still names the lead ({@link #rowsMentioning}).
 */
abstract class EraseContract {
  static final SegmentId VIEWERS = SegmentId.of("pricing-viewers");
  static final ListId EXPO = ListId.of("expo-2025");
  static final TouchpointFilter PRICING =
      TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/pricing");

  /** A fresh, empty set of stores providing every core, scoring and journey port. */
  protected abstract Stores newStores();

  /**
   * Every stored row (as "table: values") that contains one of {@code needles}, or an empty list
   * if these stores cannot list raw rows (then the ports alone are checked).
   */
  protected abstract List<String> rowsMentioning(Stores stores, Set<String> needles);

  private static <P> P port(Stores stores, Class<P> type) {
    return stores.port(type).orElseThrow(() -> new AssertionError(stores + " lacks " + type));
  }

  @Test
  void erasureLeavesNothingAboutTheLeadButTheSuppressionHashAndAnonymousCounts() {
    Stores stores = newStores();
    ManualClock clock = ManualClock.at("2026-05-01T00:00:00Z");
    RecordingMailer mailer = new RecordingMailer();
    Identity identity = Identity.custom().suppressionPepper(new byte[32]).build();
    ScoringPlugin scoring = ScoringPlugin.builder().model(ScoringModel.custom("engagement")
        .behaviour("pricing", PRICING, 3).build()).build();
    SegmentsPlugin segments = SegmentsPlugin.builder().build();
    Journeys journeys = Journeys.builder().build();
    LeadKit kit = LeadKit.builder().clock(clock).stores(stores).mailer(mailer).install(identity)
        .install(scoring).install(segments).install(journeys).build();
    segments.define(SegmentDefinition.of(VIEWERS.value(), "Viewed pricing in 30 days",
        Predicates.touchpoints(PRICING).inLast(Duration.ofDays(30)).atLeast(1)));
    journeys.publish(Journey.builder("pricing-follow-up").trigger(Trigger.segmentEntered(VIEWERS))
        .send("mail", "tpl-pricing").wait("pause", Duration.ofDays(7))
        .send("again", "tpl-pricing-2").build());

    Lead taro = subscribed(kit, "taro@example.co.jp");
    Lead other = subscribed(kit, "t.yamada@example.co.jp");
    Lead bystander = subscribed(kit, "hanako@example.com");
    VisitorId cookie = VisitorId.of("cookie-erase-1");
    // an anonymous view, then a form that stitches the cookie to Taro
    kit.track(Touchpoint.forVisitor(cookie, TouchpointType.PAGE_VIEW, clock.instant())
        .id("anon-view").url("/about").build());
    kit.track(Touchpoint.forVisitor(cookie, TouchpointType.FORM_SUBMITTED, clock.instant())
        .id("form-1").property(PropertyKey.EMAIL, "taro@example.co.jp").build());
    for (Lead l : List.of(taro, other, bystander)) {
      kit.track(Touchpoint.forLead(l.id(), TouchpointType.PAGE_VIEW, clock.instant())
          .id("pricing-" + l.id().value()).url("/pricing").build());
    }
    segments.lists().add(EXPO, List.of(taro.id(), other.id(), bystander.id()));
    kit.dispatch();
    clock.advance(Duration.ofHours(1));
    identity.merge(MergeRequest.of(taro.id(), other.id(), "alice@sales", "same person")
        .forced());
    kit.runDue();
    kit.dispatch();

    // every port holds something about Taro
    assertThat(kit.touchpointLog().findByLead(taro.id(), TouchpointQuery.all())).isNotEmpty();
    assertThat(port(stores, IdentityLinks.class).visitorsOf(taro.id())).isNotEmpty();
    assertThat(port(stores, IdentityLinks.class).aliasesTo(taro.id())).isNotEmpty();
    assertThat(port(stores, MergeLog.class).findByLead(taro.id())).isNotEmpty();
    assertThat(kit.outbox().findByLead(taro.id())).isNotEmpty();
    assertThat(port(stores, SegmentMembershipStore.class).segmentsOf(taro.id()))
        .contains(VIEWERS);
    assertThat(port(stores, SegmentMembershipStore.class).scheduled(VIEWERS, taro.id()))
        .isPresent();
    assertThat(port(stores, StaticListStore.class).listsOf(taro.id())).contains(EXPO);
    assertThat(port(stores, StaticListStore.class).listsOf(other.id())).contains(EXPO);
    assertThat(port(stores, ScoreStateStore.class).findByLead(taro.id())).isNotEmpty();
    assertThat(port(stores, EnrolmentStore.class).findByLead(taro.id())).isNotEmpty();
    assertThat(port(stores, EnrolmentStore.class).findByLead(other.id())).isNotEmpty();
    assertThat(port(stores, SendLog.class).forLead(taro.id(), Instant.EPOCH)).isNotEmpty();
    assertThat(mailer.deliveriesTo(taro.id())).isNotEmpty();

    // the export holds every part
    JsonNode export = LeadkitJson.parse(identity.export(taro.id()));
    for (String section : List.of("lead", "visitors", "touchpoints", "merges", "messages",
        "segments", "lists", "scores", "enrolments", "sends")) {
      assertThat(export.get(section)).as(section).isNotNull();
      assertThat(export.get(section).isEmpty()).as(section + " is empty").isFalse();
    }
    assertThat(export.get("mergedIds").toString()).contains(other.id().value());
    assertThat(export.get("mergedLeads").get(other.id().value()).get("lists").toString())
        .contains(EXPO.value());

    String bystanderBefore = LeadkitJson.parse(identity.export(bystander.id())).toString()
        .replaceAll("\"exportedAt\":\"[^\"]*\"", "");
    Map<CounterKeyText, Long> countersBefore = counters(stores);

    identity.erase(taro.id(), "dpo", "request #12");

    for (LeadId id : List.of(taro.id(), other.id())) {
      assertThat(kit.lead(id)).isEmpty();
      assertThat(kit.leadStore().findById(id)).isEmpty();
      assertThat(kit.touchpointLog().findByLead(id, TouchpointQuery.all())).isEmpty();
      assertThat(port(stores, IdentityLinks.class).visitorsOf(id)).isEmpty();
      assertThat(port(stores, IdentityLinks.class).aliasesTo(id)).isEmpty();
      assertThat(port(stores, IdentityLinks.class).findAlias(id)).isEmpty();
      assertThat(port(stores, MergeLog.class).findByLead(id)).isEmpty();
      assertThat(kit.outbox().findByLead(id)).isEmpty();
      assertThat(port(stores, SegmentMembershipStore.class).segmentsOf(id)).isEmpty();
      assertThat(port(stores, SegmentMembershipStore.class).scheduled(VIEWERS, id)).isEmpty();
      assertThat(port(stores, StaticListStore.class).listsOf(id)).isEmpty();
      assertThat(port(stores, ScoreStateStore.class).findByLead(id)).isEmpty();
      assertThat(port(stores, EnrolmentStore.class).findByLead(id)).isEmpty();
      assertThat(port(stores, SendLog.class).forLead(id, Instant.EPOCH)).isEmpty();
    }
    assertThat(kit.touchpointLog().findByVisitor(cookie)).isEmpty();
    assertThat(port(stores, IdentityLinks.class).findVisitor(cookie)).isEmpty();
    assertThat(kit.leadByEmail("taro@example.co.jp")).isEmpty();
    assertThat(kit.leadByEmail("t.yamada@example.co.jp")).isEmpty();

    // what stays: the peppered hashes, anonymous counts and the journeys' counters
    assertThat(identity.isSuppressed("taro@example.co.jp")).isTrue();
    assertThat(identity.isSuppressed("t.yamada@example.co.jp")).isTrue();
    assertThat(identity.erasureCounts()).containsEntry("leads", 1L)
        .containsEntry("merged_leads", 1L).containsKeys("touchpoints", "enrolments", "sends",
            "list_memberships");
    assertThat(counters(stores).keySet()).containsAll(countersBefore.keySet());

    // no raw row anywhere names the lead, its merged lead, their addresses or the cookie
    assertThat(rowsMentioning(stores, Set.of(taro.id().value(), other.id().value(),
        "taro@example.co.jp", "t.yamada@example.co.jp", cookie.value()))).isEmpty();

    // the bystander is untouched
    String bystanderAfter = LeadkitJson.parse(identity.export(bystander.id())).toString()
        .replaceAll("\"exportedAt\":\"[^\"]*\"", "");
    assertThat(bystanderAfter).isEqualTo(bystanderBefore);
    assertThat(port(stores, StaticListStore.class).members(EXPO, null, 10))
        .containsExactly(bystander.id());
  }

  /** A counter key as text, so that counters compare without their key type's equality. */
  record CounterKeyText(String text) {}

  private static Map<CounterKeyText, Long> counters(Stores stores) {
    Map<CounterKeyText, Long> out = new java.util.TreeMap<>(
        java.util.Comparator.comparing(CounterKeyText::text));
    port(stores, JourneyCounters.class).snapshot("pricing-follow-up")
        .forEach((k, v) -> out.put(new CounterKeyText(k.toString()), v));
    assertThat(out).isNotEmpty();
    return out;
  }

  private static Lead subscribed(LeadKit kit, String email) {
    return kit.upsertLead(LeadInput.email(email)
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead();
  }
}
