package dev.leadkit.journey;

import dev.leadkit.core.LeadKitPlugin;
import dev.leadkit.core.event.Subscription;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.journey.event.EnrolmentExited;
import dev.leadkit.journey.event.EnrolmentStarted;
import dev.leadkit.journey.event.ListChangeRequested;
import dev.leadkit.journey.event.MessageQueued;
import dev.leadkit.journey.event.MessageSuppressed;
import dev.leadkit.journey.event.OwnerNotified;
import dev.leadkit.journey.event.SalesTaskCreated;
import dev.leadkit.journey.event.StepExecuted;
import dev.leadkit.journey.event.StreamExhausted;
import dev.leadkit.core.port.TimerStore;
import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.port.SendLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The journey engine, installed into a {@link dev.leadkit.core.LeadKit} as a plugin.
 *
 * <pre>{@code
 * Journeys journeys = Journeys.builder()
 *     .policies(SendPolicies.custom()
 *         .cap(FrequencyCap.of(Channel.EMAIL, 2, Duration.ofDays(7)))
 *         .quietHours(QuietHours.between(LocalTime.of(20, 0), LocalTime.of(8, 0)))
 *         .salesCollision(Duration.ofDays(3))
 *         .build())
 *     .build();
 * LeadKit kit = LeadKit.builder().clock(clock).install(journeys).build();
 * journeys.publish(Programs.welcome("welcome", "tpl-1", "tpl-2", "tpl-3", Duration.ofDays(3)));
 * kit.runDue();   // waits, date triggers, time-outs; then the outbox dispatcher
 * }</pre>
 *
 * <h2>How it runs</h2>
 *
 * <ul>
 *   <li><b>Event-driven:</b> a tracked touchpoint wakes enrolments waiting for it and enrols
 *       leads on touchpoint triggers; a lead change checks goals, global exits, condition and
 *       date triggers.
 *   <li><b>Time-driven:</b> every live enrolment with a due time (a wait, a time-out, a
 *       scheduled start) has one timer in the {@link TimerStore}. {@link #runDue(Instant)}
 *       (called by {@code kit.runDue()}) claims due timers in batches under a lease (the
 *       enrolment rows are not written by the claim), runs each enrolment's steps until the next
 *       wait in one unit of work per batch, and in the same unit writes the enrolments that
 *       changed and completes or moves their timers, conditionally on the lease; so several
 *       engines may share one store, and a step's effects, bookkeeping and counters commit
 *       together.
 *   <li><b>Exactly-once sends:</b> every message has a stable key
 *       {@code journey:version:lead:step:occurrence}; the {@link SendLog} and the core outbox
 *       accept a key once, and the dispatcher hands it to the mailer; a crash at any point
 *       repeats a step with the same key and never doubles a message.
 *   <li>When a journey message is sent, an {@code email_sent} touchpoint is recorded with the
 *       properties {@code journey}, {@code step}, {@code template} and {@code message_key};
 *       when an enrolment exits, a {@code journey_exited} touchpoint with {@code journey} and
 *       {@code reason}.
 * </ul>
 *
 * <h2>Thread safety</h2>
 *
 * <p>The engine built by {@link #builder()} is thread-safe: tracked input, {@link #runDue} and
 * the host's calls may come from any threads at once. Due work is advanced only by the thread
 * holding its timer's lease, and every write of an enrolment is conditional on its revision, so
 * of two threads (or two nodes sharing the {@link EnrolmentStore}) working on one enrolment only
 * one's writes count. A step run again, for instance after a lease ran out,
 * sends nothing twice: a send is decided once per message key.
 *
 * <p>When the engine's stores provide a {@link dev.leadkit.core.port.DefinitionStore} (the
 * in-memory stores and {@code JdbcStores} do), a journey version published on an installed
 * engine is stored there as JSON ({@link dev.leadkit.journey.json.JourneyJson}, kind {@value
 * dev.leadkit.core.port.DefinitionStore#JOURNEY}) before it is used, and versions published
 * before installation are stored when the engine is built (a version the store holds with other
 * content fails the build with {@link dev.leadkit.core.port.DefinitionConflictException}: change
 * the version number along with the journey). Every engine sharing the stores
 * loads versions newer than its own when installed, when a journey it does not know is named,
 * on each {@link #publish} and on each due run, if the store's revision changed. Content streams
 * are not stored: every node publishes its streams itself.
 */
public interface Journeys extends LeadKitPlugin {

  /** A builder with in-memory stores and {@link SendPolicies#none()}. */
  static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ definitions

  /**
   * Publishes a journey version. Versions of one journey must be published in increasing
   * order; republishing an identical version is a no-op; a different definition under a
   * published version throws {@link JourneyVersionConflictException}. New enrolments use the
   * latest version; live enrolments keep theirs. Target journeys of move steps need not be
   * published yet. On an installed engine, a journey whose stream steps name a content stream
   * not published here is refused ({@link InvalidJourneyException}), and so, when the segments
   * plugin is installed and no membership test was given to the builder, is one whose triggers,
   * goal or branches name a segment it does not define ({@link
   * dev.leadkit.core.segment.UnknownSegmentException}), and, when the engine's {@linkplain
   * dev.leadkit.core.LeadKit#templates() template registry} is strict, one whose send steps name
   * an unregistered template ({@link dev.leadkit.core.content.UnknownTemplateException}); a
   * refused journey is not stored. A
   * version another engine stored with other content is refused with {@link
   * dev.leadkit.core.port.DefinitionConflictException}.
   */
  void publish(Journey journey);

  /** The latest published version of {@code id}. */
  Optional<Journey> journey(JourneyId id);

  /** A specific published version. */
  Optional<Journey> journey(JourneyId id, int version);

  /**
   * Publishes (or replaces) a content stream. Leads waiting at the end of the stream are woken
   * if it now has pieces they have not received. On an installed engine whose template registry
   * is strict, a stream with a piece naming an unregistered template is refused with {@link
   * dev.leadkit.core.content.UnknownTemplateException}.
   */
  void publishStream(ContentStream stream);

  /** Moves live enrolments between versions; see {@link Migration}. */
  Migration.Report migrate(Migration migration);

  // ------------------------------------------------------------------ enrolment

  /** Enrols a lead (source e.g. {@code "api"}), under the re-entry policy. */
  EnrolResult enrol(JourneyId journey, LeadId lead, String source);

  /** A sales rep puts a lead into a journey (R6.11). */
  EnrolResult enrolByRep(JourneyId journey, LeadId lead, OwnerId rep);

  /**
   * Enrols many leads (a segment's members, a report), in batches; they start at the next
   * {@link #runDue(Instant)}. Returns one result per lead, in order.
   */
  List<EnrolResult> enrolAll(JourneyId journey, Collection<LeadId> leads, String source);

  /**
   * Enrols every current member of {@code segment} (paged from the installed
   * {@code SegmentsPlugin}) like {@link #enrolAll}; returns how many were accepted. Throws
   * {@link UnknownJourneyException} without a segments plugin or for an unpublished journey,
   * and {@link dev.leadkit.core.segment.UnknownSegmentException} for an undefined segment.
   *
   * <p>If the enrolment store implements
   * {@link dev.leadkit.journey.port.SetBasedEnrolment} and keeps the membership and the leads in
   * its own database (the JDBC stores do), the members are enrolled with set-based statements
   * (one {@code INSERT ... SELECT} per chunk) instead of page by page; the enrolments, counters
   * and events are the same. Journeys whose goal reads static lists or segment membership, or
   * cannot be evaluated exactly in SQL, always take the paged path.
   */
  int enrolSegment(JourneyId journey, SegmentId segment);

  /**
   * Tells the engine that {@code lead} entered {@code segment}: enrols it in every journey with
   * a matching {@link Trigger.SegmentEntered}. The engine calls it on every
   * {@code dev.leadkit.core.segment.SegmentEntered} event (published by the segments plugin);
   * a host with its own segments may call it directly.
   */
  List<EnrolResult> segmentEntered(SegmentId segment, LeadId lead);

  /**
   * Schedules date triggers for every stored lead (e.g. after publishing a renewal journey).
   * Returns how many enrolments were scheduled.
   */
  int scheduleDateTriggers();

  /**
   * Ends the lead's live enrolment in {@code journey}; false if there was none. An unpublished
   * journey throws {@link UnknownJourneyException}.
   */
  boolean exit(JourneyId journey, LeadId lead, ExitReason reason);

  /**
   * Ends every live enrolment of an erased lead (global exit). Called on every
   * {@code dev.leadkit.core.identity.LeadErased} event.
   */
  int leadErased(LeadId lead);

  /**
   * Ends every live enrolment of a lead merged into {@code into} (global exit). Called on every
   * {@code dev.leadkit.core.identity.LeadsMerged} event.
   */
  int leadMerged(LeadId mergedAway, LeadId into);

  /** The lead's enrolments, live and exited. */
  List<Enrolment> enrolments(LeadId lead);

  // ------------------------------------------------------------------ work

  /** Processes due enrolments at {@code now}; returns how many were processed. */
  int runDue(Instant now);

  /**
   * Sends a message outside journeys, through the same send policies. When the engine's
   * template registry is strict, a message naming an unregistered template is refused with
   * {@link dev.leadkit.core.content.UnknownTemplateException} and nothing is sent.
   */
  SendDecision send(ManualMessage message);

  /** Enrolments that are not moving although they should (see {@link StuckEnrolment}). */
  List<StuckEnrolment> stuck(Duration olderThan);

  /** Counters of a journey; an unpublished journey throws {@link UnknownJourneyException}. */
  JourneyStats stats(JourneyId journey);

  /** The enrolment store. */
  EnrolmentStore enrolmentStore();

  /** The send log. */
  SendLog sendLog();

  // ------------------------------------------------------------------ typed listeners

  /** Listens for {@link EnrolmentStarted}. */
  Subscription onEnrolmentStarted(Consumer<? super EnrolmentStarted> listener);

  /** Listens for {@link EnrolmentExited}. */
  Subscription onEnrolmentExited(Consumer<? super EnrolmentExited> listener);

  /** Listens for {@link StepExecuted}. */
  Subscription onStepExecuted(Consumer<? super StepExecuted> listener);

  /** Listens for {@link MessageQueued}. */
  Subscription onMessageQueued(Consumer<? super MessageQueued> listener);

  /** Listens for {@link MessageSuppressed}. */
  Subscription onMessageSuppressed(Consumer<? super MessageSuppressed> listener);

  /** Listens for {@link SalesTaskCreated}. */
  Subscription onSalesTaskCreated(Consumer<? super SalesTaskCreated> listener);

  /** Listens for {@link OwnerNotified}. */
  Subscription onOwnerNotified(Consumer<? super OwnerNotified> listener);

  /** Listens for {@link ListChangeRequested}. */
  Subscription onListChangeRequested(Consumer<? super ListChangeRequested> listener);

  /** Listens for {@link StreamExhausted}. */
  Subscription onStreamExhausted(Consumer<? super StreamExhausted> listener);

  /** Builds a {@link Journeys} engine. Every option is optional and may be set once. */
  final class Builder {
    @Nullable EnrolmentStore enrolments;
    @Nullable TimerStore timers;
    @Nullable SendLog sendLog;
    @Nullable JourneyCounters counters;
    @Nullable SendPolicies policies;
    @Nullable Duration lease;
    @Nullable ListWriter listWriter;
    @Nullable BiPredicate<LeadId, ListId> lists;
    @Nullable BiPredicate<LeadId, SegmentId> segments;
    int batchSize = 100;
    @Nullable Duration stuckAfter;

    private Builder() {}

    private static <T> T once(@Nullable Object current, @Nullable T value, String what) {
      if (value == null) {
        throw new InvalidJourneyException(what + " must not be null");
      }
      if (current != null) {
        throw new InvalidJourneyException(what + " was already set to " + current);
      }
      return value;
    }

    /** The enrolment store (default: the engine's stores', else in memory). */
    public Builder enrolmentStore(EnrolmentStore value) {
      enrolments = once(enrolments, value, "enrolmentStore");
      return this;
    }

    /**
     * The timer store that holds the engine's due work: waits, time-outs and scheduled starts
     * (default: the engine's stores'). Required with an {@link #enrolmentStore} that is not the
     * engine's stores' own, since due work must live where its enrolments live.
     */
    public Builder timerStore(TimerStore value) {
      timers = once(timers, value, "timerStore");
      return this;
    }

    /** The send log (default: in memory). */
    public Builder sendLog(SendLog value) {
      sendLog = once(sendLog, value, "sendLog");
      return this;
    }

    /** The counters (default: in memory). */
    public Builder counters(JourneyCounters value) {
      counters = once(counters, value, "counters");
      return this;
    }

    /** The send policies (default: {@link SendPolicies#none()}). */
    public Builder policies(SendPolicies value) {
      policies = once(policies, value, "policies");
      return this;
    }

    /** How long a claimed timer (due work) is held (default 5 minutes). */
    public Builder lease(Duration value) {
      if (value != null) {
        Checks.positive(value, "lease");
      }
      lease = once(lease, value, "lease");
      return this;
    }

    /**
     * Applies list steps (default: the installed {@code SegmentsPlugin}'s static lists, if
     * any; {@link ListChangeRequested} is published in every case).
     */
    public Builder listWriter(ListWriter value) {
      listWriter = once(listWriter, value, "listWriter");
      return this;
    }

    /**
     * Static list membership for predicates ({@code in list}); default: the installed
     * {@code SegmentsPlugin}'s lists, else member of none.
     */
    public Builder listMembership(BiPredicate<LeadId, ListId> value) {
      lists = once(lists, value, "listMembership");
      return this;
    }

    /**
     * Segment membership for predicates ({@code in segment}); default: the installed
     * {@code SegmentsPlugin}, else member of none.
     */
    public Builder segmentMembership(BiPredicate<LeadId, SegmentId> value) {
      segments = once(segments, value, "segmentMembership");
      return this;
    }

    /** Timers (due enrolments) claimed per batch (default 100). */
    public Builder batchSize(int value) {
      if (value < 1 || value > 10_000) {
        throw new InvalidJourneyException("batch size must be 1..10000: " + value);
      }
      batchSize = value;
      return this;
    }

    /**
     * How long due work may wait unprocessed before {@link #runDue} logs a warning about stuck
     * enrolments (default 1 hour); {@link #stuck(Duration)} lists them.
     */
    public Builder stuckAfter(Duration value) {
      if (value != null) {
        Checks.positive(value, "stuckAfter");
      }
      stuckAfter = once(stuckAfter, value, "stuckAfter");
      return this;
    }

    /** The engine; install it with {@code LeadKit.builder().install(...)}. */
    public Journeys build() {
      return new JourneyEngine(this);
    }
  }
}
