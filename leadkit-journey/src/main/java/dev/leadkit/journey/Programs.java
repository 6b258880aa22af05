package dev.leadkit.journey;

import static dev.leadkit.core.predicate.Predicates.attribute;
import static dev.leadkit.core.predicate.Predicates.lastTouch;
import static dev.leadkit.core.predicate.Predicates.not;
import static dev.leadkit.core.predicate.Predicates.score;
import static dev.leadkit.core.predicate.Predicates.stage;
import static dev.leadkit.core.predicate.Predicates.touchpoints;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The program library (seed 004): factories for the usual nurturing programs. Each returns an
 * ordinary {@link Journey} (version 1) that a host may publish as is, store as JSON, or read as
 * a starting point for its own definition.
 */
public final class Programs {
  private Programs() {}

  /** Leads in an active sales cycle leave nurturing (R6.8): stage opportunity or later. */
  public static Predicate inSalesCycle() {
    return stage().atLeast(LifecycleStage.OPPORTUNITY);
  }

  /**
   * A lead whose last activity (visit, open, click, form, download, event, call, meeting,
   * login, purchase) is at least {@code days} old; a lead never active does not count.
   */
  public static Predicate inactiveFor(Duration days) {
    return lastTouch(TouchpointFilter.of(TouchpointType.PAGE_VIEW,
        TouchpointType.EMAIL_OPENED, TouchpointType.EMAIL_CLICKED,
        TouchpointType.FORM_SUBMITTED, TouchpointType.ASSET_DOWNLOADED,
        TouchpointType.EVENT_REGISTERED, TouchpointType.EVENT_ATTENDED,
        TouchpointType.CALL_LOGGED, TouchpointType.MEETING, TouchpointType.PRODUCT_LOGIN,
        TouchpointType.PURCHASE)).olderThan(days);
  }

  /**
   * Fewer than {@code recentMax + 1} logins in the last {@code recent}, though the lead had at
   * least {@code earlierMin} in the last {@code earlier}: declining product use.
   */
  public static Predicate decliningLogins(int recentMax, Duration recent, int earlierMin,
      Duration earlier) {
    return touchpoints(TouchpointType.PRODUCT_LOGIN).inLast(recent).atMost(recentMax)
        .and(touchpoints(TouchpointType.PRODUCT_LOGIN).inLast(earlier).atLeast(earlierMin));
  }

  /**
   * Welcome (R6.2): a simple 1-2-3 touch for new leads, entered on a form submission. The first
   * mail goes in the company's (CEO's) name, the later ones in the owner's (seed 004). Leads in
   * a sales cycle leave.
   */
  public static Journey welcome(String id, String first, String second, String third,
      Duration gap) {
    return welcome(id, Trigger.touchpoint(TouchpointFilter.of(TouchpointType.FORM_SUBMITTED)),
        first, second, third, gap);
  }

  /**
   * Welcome for imported leads: the same 1-2-3 touch as {@link #welcome}, entered by every lead
   * that the CSV import named {@code source} creates (business cards from an exhibition, seminar
   * sheets); leads the import only updates do not enter.
   */
  public static Journey welcomeImported(String id, String source, String first, String second,
      String third, Duration gap) {
    return welcome(id, Trigger.leadImported(source), first, second, third, gap);
  }

  private static Journey welcome(String id, Trigger trigger, String first, String second,
      String third, Duration gap) {
    return Journey.builder(id).name("Welcome")
        .trigger(trigger)
        .goal(inSalesCycle())
        .send("welcome-1", first, Sender.COMPANY)
        .wait("pause-1", gap)
        .send("welcome-2", second, Sender.OWNER)
        .wait("pause-2", gap)
        .send("welcome-3", third, Sender.OWNER)
        .build();
  }

  /**
   * Nurture (education, R6.3): awareness, then education, then validation messages, one every
   * {@code gap}, moving the lead to {@code ENGAGED} after awareness and alerting the owner at
   * the end. Leads in a sales cycle leave.
   */
  public static Journey nurture(String id, List<String> awareness, List<String> education,
      List<String> validation, Duration gap) {
    Journey.Builder b = Journey.builder(id).name("Nurture").goal(inSalesCycle());
    addPhase(b, "awareness", awareness, gap);
    b.setStage("engaged", LifecycleStage.ENGAGED);
    addPhase(b, "education", education, gap);
    addPhase(b, "validation", validation, gap);
    b.notifyOwner("done", "The lead finished the education track: time for a conversation.");
    return b.build();
  }

  private static void addPhase(Journey.Builder b, String phase, List<String> templates,
      Duration gap) {
    for (int i = 0; i < templates.size(); i++) {
      b.send(phase + "-" + (i + 1), templates.get(i), i == 0 ? Sender.COMPANY : Sender.OWNER);
      b.wait(phase + "-wait-" + (i + 1), gap);
    }
  }

  /**
   * Accelerate (R6.3): for a lead whose engagement rises past {@code threshold} on score
   * {@code model} while not yet marketing-qualified. Alerts the owner, sends {@code template}
   * in the owner's name and waits {@code respondWithin} for a click or form: a response makes
   * the lead an MQL with a call task; silence ends the program.
   */
  public static Journey accelerate(String id, String model, double threshold, String template,
      Duration respondWithin) {
    return Journey.builder(id).name("Accelerate")
        .trigger(Trigger.condition(score(model).atLeast(threshold)
            .and(not(stage().atLeast(LifecycleStage.MQL)))))
        .reEntry(ReEntryPolicy.after(Duration.ofDays(30)))
        .goal(stage().atLeast(LifecycleStage.SQL))
        .notifyOwner("alert", "Engagement is rising: score " + model + " passed " + threshold)
        .send("offer", template, Sender.OWNER)
        .waitForEvent("wait-response", TouchpointFilter.of(TouchpointType.EMAIL_CLICKED,
            TouchpointType.FORM_SUBMITTED), respondWithin, "mql", Journey.END)
        .setStage("mql", LifecycleStage.MQL)
        .task("call", "call", "Call the lead: it responded to the acceleration offer",
            Duration.ofDays(1))
        .build();
  }

  /**
   * Re-engage (R6.4): for leads entering {@code inactiveSegment} (e.g. a segment defined by
   * {@link #inactiveFor}). Two mails, each waiting {@code waitEach} for a response; a response
   * keeps the lead (stage {@code ENGAGED}, exit {@code kept}); silence marks it
   * {@code DORMANT}, adds it to {@code pruneList} and exits with {@code not_kept}.
   */
  public static Journey reEngage(String id, SegmentId inactiveSegment, String firstTemplate,
      String lastTemplate, Duration waitEach, ListId pruneList) {
    TouchpointFilter response = Exhaustion.defaultResponse();
    return Journey.builder(id).name("Re-engage")
        .trigger(Trigger.segmentEntered(inactiveSegment))
        .reEntry(ReEntryPolicy.after(Duration.ofDays(180)))
        .send("ask", firstTemplate, Sender.COMPANY)
        .waitForEvent("wait-1", response, waitEach, "kept-stage", "ask-again")
        .send("ask-again", lastTemplate, Sender.OWNER)
        .waitForEvent("wait-2", response, waitEach, "kept-stage", "dormant")
        .setStage("kept-stage", LifecycleStage.ENGAGED)
        .exit("kept", "kept")
        .setStage("dormant", LifecycleStage.DORMANT)
        .addToList("prune", pruneList)
        .exit("not-kept", "not_kept")
        .build();
  }

  /**
   * Dormant customers (seed 002): a campaign mail to a segment of dormant customers (enrol
   * them in bulk), then after {@code wait} a decision by score: at or above {@code high} a
   * visit task ("visit at once"), at or above {@code low} a call task, below it another mail.
   */
  public static Journey dormantCustomers(String id, String campaignTemplate, String model,
      double high, double low, String followUpTemplate, Duration wait) {
    return Journey.builder(id).name("Dormant customers")
        .reEntry(ReEntryPolicy.after(Duration.ofDays(90)))
        .send("campaign", campaignTemplate, Sender.COMPANY)
        .wait("let-them-browse", wait)
        .branch("high-score", score(model).atLeast(high), "visit", "mid-score")
        .task("visit", "visit", "Visit: high interest after the campaign", Duration.ofDays(2))
        .end()
        .branch("mid-score", score(model).atLeast(low), "call", "follow-up")
        .task("call", "call", "Call: some interest after the campaign", Duration.ofDays(3))
        .end()
        .send("follow-up", followUpTemplate, Sender.OWNER)
        .build();
  }

  /**
   * Renewal (R6.5, seed 004): from the {@code renewal_date} attribute, a mail 90 days before
   * ("renewal is coming, any questions?"), 60 days before in the owner's name ("your rep's
   * contact and the renewal details"), 30 days before ("we will contact you shortly"), then a
   * call task, so the customer is not surprised by the rep's call. A renewal touchpoint in the
   * meantime ends it.
   */
  public static Journey renewal(String id, String t90, String t60, String t30) {
    return Journey.builder(id).name("Renewal")
        .trigger(Trigger.date(DateExpression.of(AttributeKey.RENEWAL_DATE, -90)))
        .reEntry(ReEntryPolicy.after(Duration.ofDays(200)))
        .goal(touchpoints(TouchpointType.RENEWAL).inLast(Duration.ofDays(120)).any())
        .send("renewal-90", t90, Sender.COMPANY)
        .waitUntil("until-60", DateExpression.of(AttributeKey.RENEWAL_DATE, -60))
        .send("renewal-60", t60, Sender.OWNER)
        .waitUntil("until-30", DateExpression.of(AttributeKey.RENEWAL_DATE, -30))
        .send("renewal-30", t30, Sender.OWNER)
        .task("renewal-call", "call", "Renewal call", Duration.ofDays(7))
        .build();
  }

  /**
   * Customer onboarding by role (R6.6): entered when the lead becomes a customer; the
   * {@code role} attribute picks a track of templates (e.g. "champion", "power_user",
   * "executive_sponsor"), sent every {@code gap}; leads with another role get
   * {@code defaultTrack}.
   */
  public static Journey onboarding(String id, Map<String, List<String>> tracks,
      List<String> defaultTrack, Duration gap) {
    Journey.Builder b = Journey.builder(id).name("Onboarding")
        .trigger(Trigger.condition(stage().atLeast(LifecycleStage.CUSTOMER)));
    List<Map.Entry<String, List<String>>> byRole =
        new ArrayList<>(new LinkedHashMap<>(tracks).entrySet());
    List<String> roles = byRole.stream().map(Map.Entry::getKey).toList();
    for (int i = 0; i < roles.size(); i++) {
      String role = roles.get(i);
      b.branch("role-" + i, attribute(AttributeKey.ROLE).eq(role), "track-" + i + "-1",
          i + 1 < roles.size() ? "role-" + (i + 1) : "track-default-1");
    }
    for (int i = 0; i < roles.size(); i++) {
      addTrack(b, "track-" + i, byRole.get(i).getValue(), gap);
    }
    addTrack(b, "track-default", defaultTrack, gap);
    return b.build();
  }

  private static void addTrack(Journey.Builder b, String prefix, List<String> templates,
      Duration gap) {
    if (templates.isEmpty()) {
      throw new InvalidJourneyException("onboarding track " + prefix + " has no templates");
    }
    for (int i = 0; i < templates.size(); i++) {
      b.send(prefix + "-" + (i + 1), templates.get(i), Sender.OWNER);
      if (i + 1 < templates.size()) {
        b.wait(prefix + "-wait-" + (i + 1), gap);
      } else {
        b.end();
      }
    }
  }

  /**
   * Product adoption (R6.6): when logins decline (see {@link #decliningLogins}), ask in the
   * owner's name whether something changed, whether the power user moved, whether training is
   * needed; a login within {@code waitForLogin} ends it, silence alerts the owner and creates a
   * call task offering training.
   */
  public static Journey productAdoption(String id, Predicate declining, String questionTemplate,
      Duration waitForLogin) {
    return Journey.builder(id).name("Product adoption")
        .trigger(Trigger.condition(declining))
        .reEntry(ReEntryPolicy.after(Duration.ofDays(60)))
        .send("ask", questionTemplate, Sender.OWNER)
        .waitForEvent("wait-login", TouchpointFilter.of(TouchpointType.PRODUCT_LOGIN),
            waitForLogin, "active-again", "alert")
        .exit("active-again", "active_again")
        .notifyOwner("alert", "Product use is declining and the customer did not come back")
        .task("training-call", "call", "Offer training", Duration.ofDays(2))
        .build();
  }

  /**
   * Lost-deal and no-decision re-engagement (seed 004): entered when the stage becomes
   * {@code LOST}; periodic touch-base mails in the owner's name, one per {@code every}; a
   * response alerts the owner and exits with {@code re_engaged}. Back in a sales cycle: goal.
   */
  public static Journey lostDeal(String id, List<String> touches, Duration every) {
    if (touches.isEmpty()) {
      throw new InvalidJourneyException("lost-deal program needs at least one template");
    }
    Journey.Builder b = Journey.builder(id).name("Lost deal re-engagement")
        .trigger(Trigger.condition(stage().is(LifecycleStage.LOST)))
        .reEntry(ReEntryPolicy.always())
        .goal(inSalesCycle());
    for (int i = 0; i < touches.size(); i++) {
      b.send("touch-" + (i + 1), touches.get(i), Sender.OWNER);
      b.waitForEvent("wait-" + (i + 1), Exhaustion.defaultResponse(), every, "re-engaged",
          i + 1 < touches.size() ? "touch-" + (i + 2) : Journey.END);
    }
    b.notifyOwner("re-engaged", "A lost deal responded: worth a call");
    b.exit("re-engaged-exit", "re_engaged");
    return b.build();
  }
}
