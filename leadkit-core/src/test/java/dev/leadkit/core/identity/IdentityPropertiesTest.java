package dev.leadkit.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.port.MergeRecord;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.port.VisitorLink;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class IdentityPropertiesTest {
  static final List<Channel> CHANNELS = List.of(Channel.EMAIL, Channel.PHONE, Channel.POST);
  static final List<LifecycleStage> STAGES = List.of(LifecycleStage.KNOWN,
      LifecycleStage.ENGAGED, LifecycleStage.MQL, LifecycleStage.SQL, LifecycleStage.OPPORTUNITY,
      LifecycleStage.CUSTOMER, LifecycleStage.DORMANT);

  /** What one generated lead holds. */
  record Spec(Optional<String> company, Optional<String> title, Optional<Integer> size,
      List<String> interests, Map<Channel, ConsentStatus> consents, LifecycleStage stage,
      Optional<String> owner, int touchpoints, int anonymousVisits) {}

  @Provide
  Arbitrary<Spec> specs() {
    Arbitrary<Optional<String>> text = Arbitraries.of("Acme", "Acme KK", "Globex", "")
        .map(s -> s.isEmpty() ? Optional.<String>empty() : Optional.of(s));
    Arbitrary<Optional<Integer>> size = Arbitraries.integers().between(0, 5000).optional(0.7);
    Arbitrary<List<String>> interests = Arbitraries.of("cloud", "security", "ai", "erp")
        .list().ofMaxSize(3).uniqueElements();
    Arbitrary<Map<Channel, ConsentStatus>> consents = Arbitraries.maps(Arbitraries.of(CHANNELS),
        Arbitraries.of(ConsentStatus.class)).ofMaxSize(3);
    return Builders.withBuilder(() -> new Object[9])
        .use(text).in((a, v) -> set(a, 0, v))
        .use(Arbitraries.of("CIO", "Engineer", "").map(s -> s.isEmpty()
            ? Optional.<String>empty() : Optional.of(s))).in((a, v) -> set(a, 1, v))
        .use(size).in((a, v) -> set(a, 2, v))
        .use(interests).in((a, v) -> set(a, 3, v))
        .use(consents).in((a, v) -> set(a, 4, v))
        .use(Arbitraries.of(STAGES)).in((a, v) -> set(a, 5, v))
        .use(Arbitraries.of("sato", "suzuki", "").map(s -> s.isEmpty()
            ? Optional.<String>empty() : Optional.of(s))).in((a, v) -> set(a, 6, v))
        .use(Arbitraries.integers().between(0, 4)).in((a, v) -> set(a, 7, v))
        .use(Arbitraries.integers().between(0, 3)).in((a, v) -> set(a, 8, v))
        .build(IdentityPropertiesTest::spec);
  }

  private static Object[] set(Object[] a, int i, Object v) {
    a[i] = v;
    return a;
  }

  @SuppressWarnings("unchecked")
  private static Spec spec(Object[] a) {
    return new Spec((Optional<String>) a[0], (Optional<String>) a[1], (Optional<Integer>) a[2],
        (List<String>) a[3], (Map<Channel, ConsentStatus>) a[4], (LifecycleStage) a[5],
        (Optional<String>) a[6], (Integer) a[7], (Integer) a[8]);
  }

  /** Creates the lead of {@code spec} with its touchpoints and a stitched visitor. */
  static Lead create(Fixture f, String name, Spec spec) {
    f.clock.advance(Duration.ofMinutes(7));
    LeadInput.Builder in = LeadInput.email(name + "@example.com");
    spec.company().ifPresent(c -> in.attribute(AttributeKey.COMPANY, c));
    spec.title().ifPresent(c -> in.attribute(AttributeKey.TITLE, c));
    spec.size().ifPresent(s -> in.attribute(AttributeKey.COMPANY_SIZE, AttributeValue.number(s)));
    if (!spec.interests().isEmpty()) {
      in.attribute(AttributeKey.INTEREST, AttributeValue.list(spec.interests()));
    }
    spec.consents().forEach((ch, st) -> in.consent(ch, st, "gen"));
    spec.owner().ifPresent(o -> in.owner(OwnerId.of(o)));
    if (spec.stage() != LifecycleStage.DORMANT) {
      in.initialStage(spec.stage());
    }
    Lead lead = f.kit.upsertLead(in.build()).lead();
    if (spec.stage() == LifecycleStage.DORMANT) {
      f.clock.advance(Duration.ofMinutes(1));
      f.kit.changeStage(lead.id(), LifecycleStage.DORMANT, "idle");
    }
    for (int i = 0; i < spec.touchpoints(); i++) {
      f.clock.advance(Duration.ofMinutes(1));
      f.kit.track(Touchpoint.forLead(lead.id(), TouchpointType.EMAIL_OPENED, f.clock.instant())
          .id(name + "-t" + i).build());
    }
    VisitorId v = VisitorId.of(name + "-visitor");
    for (int i = 0; i < spec.anonymousVisits(); i++) {
      f.clock.advance(Duration.ofMinutes(1));
      f.kit.track(Touchpoint.forVisitor(v, TouchpointType.PAGE_VIEW, f.clock.instant())
          .id(name + "-v" + i).url("/" + i).build());
    }
    if (spec.anonymousVisits() > 0) {
      f.identity.identify(v, lead.id());
    }
    return f.kit.require(lead.id());
  }

  /** Everything an undo must restore: leads (without versions), touchpoint owners, visitor links. */
  record State(Map<LeadId, Lead> leads, Map<TouchpointId, Optional<LeadId>> owners,
      Map<VisitorId, LeadId> visitors) {}

  static State state(Fixture f, List<TouchpointId> tps, List<VisitorId> visitors) {
    Map<LeadId, Lead> leads = new TreeMap<>();
    for (Lead l : f.kit.leadStore().page(null, 1000)) {
      leads.put(l.id(), l.withVersion(0));
    }
    Map<TouchpointId, Optional<LeadId>> owners = new TreeMap<>();
    for (TouchpointId id : tps) {
      owners.put(id, f.kit.touchpointLog().findById(id).orElseThrow().lead());
    }
    Map<VisitorId, LeadId> links = new TreeMap<>();
    for (VisitorId v : visitors) {
      f.identity.links().findVisitor(v).ifPresent(l -> links.put(v, l.lead()));
    }
    return new State(leads, owners, links);
  }

  static List<TouchpointId> touchpointIds(String name, Spec s) {
    List<TouchpointId> out = new ArrayList<>();
    for (int i = 0; i < s.touchpoints(); i++) {
      out.add(TouchpointId.of(name + "-t" + i));
    }
    for (int i = 0; i < s.anonymousVisits(); i++) {
      out.add(TouchpointId.of(name + "-v" + i));
    }
    return out;
  }

  @Property(tries = 100)
  void mergeFollowedByUndoRestoresTheExactPriorState(@ForAll("specs") Spec a,
      @ForAll("specs") Spec b) {
    Fixture f = new Fixture();
    Lead la = create(f, "a", a);
    Lead lb = create(f, "b", b);
    List<TouchpointId> tps = new ArrayList<>(touchpointIds("a", a));
    tps.addAll(touchpointIds("b", b));
    List<VisitorId> vs = List.of(VisitorId.of("a-visitor"), VisitorId.of("b-visitor"));
    State before = state(f, tps, vs);

    f.clock.advance(Duration.ofHours(1));
    MergeRecord r = f.identity.merge(MergeRequest.of(la.id(), lb.id(), "p", "prop").forced());
    f.clock.advance(Duration.ofHours(1));
    f.identity.undo(r.id(), "p", "prop");

    assertThat(state(f, tps, vs)).isEqualTo(before);
  }

  @Property(tries = 100)
  void noTouchpointIsLostByMergingAndNoneIsLeftWithAMergedLead(@ForAll("specs") Spec a,
      @ForAll("specs") Spec b, @ForAll("specs") Spec c) {
    Fixture f = new Fixture();
    Lead la = create(f, "a", a);
    Lead lb = create(f, "b", b);
    Lead lc = create(f, "c", c);
    List<TouchpointId> tps = new ArrayList<>(touchpointIds("a", a));
    tps.addAll(touchpointIds("b", b));
    tps.addAll(touchpointIds("c", c));
    f.identity.merge(MergeRequest.of(lb.id(), la.id(), "p", "prop").forced());
    f.identity.merge(MergeRequest.of(lc.id(), lb.id(), "p", "prop").forced());
    assertThat(f.kit.touchpointLog().count()).isEqualTo(tps.size());
    assertThat(f.kit.touchpointLog().findByLead(lc.id(), TouchpointQuery.all()))
        .extracting(Touchpoint::id).containsExactlyInAnyOrderElementsOf(tps);
  }

  /** One step of a random stitching session. */
  record Step(int kind, int visitor, int person) {}

  @Provide
  Arbitrary<List<Step>> sessions() {
    return Combinators.combine(Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2))
        .as(Step::new).list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 200)
  void noTouchpointIsLostByStitchingAndEveryOwnerExists(@ForAll("sessions") List<Step> steps,
      @ForAll boolean batched) {
    Fixture f = new Fixture();
    List<TouchpointId> tracked = new ArrayList<>();
    List<Touchpoint> pending = new ArrayList<>();
    java.util.function.Consumer<Touchpoint> track = t -> {
      tracked.add(t.id());
      if (batched) {
        pending.add(t);
      } else {
        f.kit.track(t);
      }
    };
    Runnable flush = () -> {
      f.kit.trackAll(pending);
      pending.clear();
    };
    int n = 0;
    for (Step s : steps) {
      VisitorId v = VisitorId.of("v" + s.visitor());
      String email = "p" + s.person() + "@example.com";
      f.clock.advance(Duration.ofMinutes(1));
      Touchpoint.Builder tb = Touchpoint.forVisitor(v, TouchpointType.PAGE_VIEW,
          f.clock.instant()).id("t" + n++);
      switch (s.kind()) {
        case 0, 1 -> track.accept(tb.build());
        case 2 -> track.accept(tb.property(PropertyKey.EMAIL, email).build());
        case 3 -> {
          flush.run();
          Optional<Lead> l = f.kit.leadByEmail(email);
          if (l.isPresent()) {
            try {
              f.identity.identify(v, l.get().id());
            } catch (VisitorAlreadyLinkedException expected) {
              // a linked visitor is never re-pointed
            }
          }
        }
        default -> {
          flush.run();
          Optional<Lead> x = f.identity.leadByEmail("p" + s.person() + "@example.com");
          Optional<Lead> y = f.identity.leadByEmail("p" + ((s.person() + 1) % 3)
              + "@example.com");
          if (x.isPresent() && y.isPresent() && !x.get().id().equals(y.get().id())) {
            f.identity.merge(MergeRequest.of(x.get().id(), y.get().id(), "p", "p").forced());
          }
        }
      }
    }
    flush.run();
    assertThat(f.kit.touchpointLog().count()).isEqualTo(tracked.size());
    for (TouchpointId id : tracked) {
      Touchpoint t = f.kit.touchpointLog().findById(id).orElseThrow();
      t.lead().ifPresent(l -> assertThat(f.kit.lead(l)).as("owner of %s", id).isPresent());
      Optional<LeadId> linked = f.identity.leadOf(t.visitor().orElseThrow());
      if (linked.isPresent() && t.lead().isEmpty()) {
        throw new AssertionError("touchpoint " + id + " of a linked visitor has no lead");
      }
    }
  }

  /** The fields an order-independent merge must agree on. */
  record Outcome(Object attributes, LifecycleStage stage, Map<Channel, ConsentRecord> consents,
      Optional<OwnerId> owner, Instant createdAt, TreeSet<TouchpointId> touchpoints,
      TreeSet<VisitorId> visitors) {}

  static Outcome mergeOneWay(Spec a, Spec b, boolean aSurvives) {
    Fixture f = new Fixture();
    Lead la = create(f, "a", a);
    Lead lb = create(f, "b", b);
    f.clock.advance(Duration.ofHours(1));
    LeadId survivor = aSurvives ? la.id() : lb.id();
    f.identity.merge(aSurvives ? MergeRequest.of(la.id(), lb.id(), "p", "p").forced()
        : MergeRequest.of(lb.id(), la.id(), "p", "p").forced());
    Lead s = f.kit.require(survivor);
    TreeSet<TouchpointId> tps = new TreeSet<>();
    f.kit.touchpointLog().findByLead(survivor, TouchpointQuery.all()).forEach(t -> tps.add(t.id()));
    TreeSet<VisitorId> vs = new TreeSet<>();
    f.identity.visitorsOf(survivor).stream().map(VisitorLink::visitor).forEach(vs::add);
    return new Outcome(s.attributes(), s.stage(), new LinkedHashMap<>(s.consents()), s.owner(),
        s.createdAt(), tps, vs);
  }

  @Property(tries = 100)
  void underOrderIndependentRulesMergingAIntoBOrBIntoAGivesTheSameLead(
      @ForAll("specs") Spec a, @ForAll("specs") Spec b) {
    assertThat(MergePolicy.ofDefaults().orderIndependent()).isTrue();
    assertThat(mergeOneWay(a, b, true)).isEqualTo(mergeOneWay(a, b, false));
  }

  @Provide
  Arbitrary<MergePolicy> policies() {
    return Combinators.combine(Arbitraries.of(MergePolicy.Rule.class),
        Arbitraries.of(MergePolicy.Rule.class), Arbitraries.of(MergePolicy.OwnerRule.class))
        .as((text, number, owner) -> MergePolicy.custom().fallback(text)
            .rule(AttributeValue.Kind.NUMBER, number).ownerRule(owner).build());
  }

  @Property(tries = 200)
  void anUnsubscribeSurvivesAnyMerge(@ForAll("specs") Spec a, @ForAll("specs") Spec b,
      @ForAll("policies") MergePolicy policy, @ForAll boolean aSurvives) {
    Fixture f = new Fixture();
    Lead la = create(f, "a", a);
    Lead lb = create(f, "b", b);
    Lead s = aSurvives ? la : lb;
    Lead m = aSurvives ? lb : la;
    f.identity.merge(MergeRequest.of(s.id(), m.id(), "p", "p").forced().withPolicy(policy));
    Lead merged = f.kit.require(s.id());
    for (Channel ch : CHANNELS) {
      boolean unsubscribed = a.consents().get(ch) == ConsentStatus.UNSUBSCRIBED
          || b.consents().get(ch) == ConsentStatus.UNSUBSCRIBED;
      if (unsubscribed) {
        assertThat(merged.consent(ch).orElseThrow().status()).isEqualTo(ConsentStatus.UNSUBSCRIBED);
        assertThat(merged.mayContact(ch)).isFalse();
      }
      int most = Math.max(la.consent(ch).map(c -> c.status().restrictiveness()).orElse(-1),
          lb.consent(ch).map(c -> c.status().restrictiveness()).orElse(-1));
      assertThat(merged.consent(ch).map(c -> c.status().restrictiveness()).orElse(-1))
          .isEqualTo(most);
    }
  }

  @Property(tries = 50)
  void theFurthestStageWinsWhicheverLeadSurvives(@ForAll("specs") Spec a,
      @ForAll("specs") Spec b) {
    LifecycleStage expected = MergeRules.furthest(a.stage(), b.stage());
    assertThat(mergeOneWay(a, b, true).stage()).isEqualTo(expected);
    assertThat(mergeOneWay(a, b, false).stage()).isEqualTo(expected);
  }

}
