package dev.leadkit.journey;

import com.google.common.collect.ImmutableSortedMap;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One lead's passage through one version of a journey. Immutable; the engine derives the next
 * state with the withers, which check the {@linkplain EnrolmentStatus transition table}.
 *
 * @param id the enrolment id
 * @param journey the journey
 * @param version the journey version the lead entered (kept until an explicit migration)
 * @param lead the lead
 * @param sequence the lead's n-th enrolment in this journey
 * @param status where it stands
 * @param step the current step (empty while scheduled)
 * @param stepEnteredAt when the current step was entered (waits count from here)
 * @param stepCount how many steps were entered so far; with the step id it makes every
 *     message key unique and stable
 * @param dueAt when the engine must look at it next; empty while waiting only for an event
 *     or new content
 * @param source how it was enrolled, e.g. {@code trigger:touchpoint}, {@code manual:rep-7},
 *     {@code bulk}, {@code moved:welcome}
 * @param enrolledAt when it was enrolled (a scheduled enrolment: when it was scheduled)
 * @param updatedAt when it last changed
 * @param messages messages queued so far
 * @param tasks sales tasks created so far
 * @param state small step state (stream cursor and the like)
 * @param exitReason why it ended
 * @param exitedAt when it ended
 * @param leaseToken the token of the engine instance processing it, while claimed
 * @param leaseUntil when that claim expires
 * @param revision the store's optimistic-concurrency revision (0 = never stored)
 */
public record Enrolment(
    EnrolmentId id,
    JourneyId journey,
    int version,
    LeadId lead,
    int sequence,
    EnrolmentStatus status,
    Optional<StepId> step,
    Instant stepEnteredAt,
    int stepCount,
    Optional<Instant> dueAt,
    String source,
    Instant enrolledAt,
    Instant updatedAt,
    int messages,
    int tasks,
    Map<String, String> state,
    Optional<ExitReason> exitReason,
    Optional<Instant> exitedAt,
    Optional<String> leaseToken,
    Optional<Instant> leaseUntil,
    long revision) {

  /** Validates and copies. */
  public Enrolment {
    if (id == null || journey == null || lead == null || status == null || step == null
        || stepEnteredAt == null || dueAt == null || source == null || enrolledAt == null
        || updatedAt == null || state == null || exitReason == null || exitedAt == null
        || leaseToken == null || leaseUntil == null) {
      throw new InvalidValueException("enrolment fields must not be null (" + id + ")");
    }
    if (version < 1 || sequence < 1 || stepCount < 0 || messages < 0 || tasks < 0
        || revision < 0) {
      throw new InvalidValueException("enrolment " + id + " has a negative counter");
    }
    if ((status == EnrolmentStatus.EXITED) != exitReason.isPresent()) {
      throw new InvalidValueException("enrolment " + id + " is " + status
          + " but has exit reason " + exitReason);
    }
    if (leaseToken.isPresent() != leaseUntil.isPresent()) {
      throw new InvalidValueException("enrolment " + id + " lease token and expiry go together");
    }
    state = ImmutableSortedMap.copyOf(state);
  }

  /** A new enrolment at the journey's first step, due at {@code now}. */
  public static Enrolment start(Journey journey, LeadId lead, int sequence, String source,
      Instant now) {
    return new Enrolment(EnrolmentId.of(journey.id(), lead, sequence), journey.id(),
        journey.version(), lead, sequence, EnrolmentStatus.ACTIVE,
        Optional.of(journey.firstStep().id()), now, 1, Optional.of(now), source, now, now, 0,
        0, Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
  }

  /** A new enrolment that starts at {@code at} (a date trigger). */
  public static Enrolment schedule(Journey journey, LeadId lead, int sequence, String source,
      Instant at, Instant now) {
    return new Enrolment(EnrolmentId.of(journey.id(), lead, sequence), journey.id(),
        journey.version(), lead, sequence, EnrolmentStatus.SCHEDULED, Optional.empty(), now,
        0, Optional.of(at), source, now, now, 0, 0, Map.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), 0);
  }

  /** True unless exited. */
  public boolean isLive() {
    return status.isLive();
  }

  /** True if claimed under a lease that has not expired at {@code now}. */
  public boolean leasedAt(Instant now) {
    return leaseUntil.isPresent() && leaseUntil.get().isAfter(now);
  }

  /** A copy in {@code to}, checked against the transition table. */
  public Enrolment withStatus(EnrolmentStatus to, Instant now) {
    status.check(to, id);
    return new Enrolment(id, journey, version, lead, sequence, to, step, stepEnteredAt,
        stepCount, dueAt, source, enrolledAt, now, messages, tasks, state, exitReason,
        exitedAt, leaseToken, leaseUntil, revision);
  }

  /** A copy active at {@code next}, entered at {@code at}; the step count goes up by one. */
  public Enrolment enter(StepId next, Instant at, Instant now) {
    status.check(EnrolmentStatus.ACTIVE, id);
    return new Enrolment(id, journey, version, lead, sequence, EnrolmentStatus.ACTIVE,
        Optional.of(next), at, stepCount + 1, Optional.of(now), source, enrolledAt, now,
        messages, tasks, state, exitReason, exitedAt, leaseToken, leaseUntil, revision);
  }

  /** A copy waiting until {@code due} (or for an event only, if empty). */
  public Enrolment sleep(Optional<Instant> due, Instant now) {
    status.check(EnrolmentStatus.WAITING, id);
    return new Enrolment(id, journey, version, lead, sequence, EnrolmentStatus.WAITING, step,
        stepEnteredAt, stepCount, due, source, enrolledAt, now, messages, tasks, state,
        exitReason, exitedAt, leaseToken, leaseUntil, revision);
  }

  /** A copy due at {@code due} in the same status (a rescheduled date trigger, a wake-up). */
  public Enrolment due(Optional<Instant> due, Instant now) {
    status.check(status, id);
    return new Enrolment(id, journey, version, lead, sequence, status, step, stepEnteredAt,
        stepCount, due, source, enrolledAt, now, messages, tasks, state, exitReason, exitedAt,
        leaseToken, leaseUntil, revision);
  }

  /** An exited copy; its lease is dropped. */
  public Enrolment exit(ExitReason reason, Instant now) {
    status.check(EnrolmentStatus.EXITED, id);
    return new Enrolment(id, journey, version, lead, sequence, EnrolmentStatus.EXITED, step,
        stepEnteredAt, stepCount, Optional.empty(), source, enrolledAt, now, messages, tasks,
        state, Optional.of(reason), Optional.of(now), Optional.empty(), Optional.empty(),
        revision);
  }

  /** A copy with the message and task counters raised. */
  public Enrolment counted(int moreMessages, int moreTasks) {
    return new Enrolment(id, journey, version, lead, sequence, status, step, stepEnteredAt,
        stepCount, dueAt, source, enrolledAt, updatedAt, messages + moreMessages,
        tasks + moreTasks, state, exitReason, exitedAt, leaseToken, leaseUntil, revision);
  }

  /** A copy with {@code key} set to {@code value} in the step state (null removes it). */
  public Enrolment withState(String key, @Nullable String value) {
    Map<String, String> m = new TreeMap<>(state);
    if (value == null) {
      m.remove(key);
    } else {
      m.put(key, value);
    }
    return new Enrolment(id, journey, version, lead, sequence, status, step, stepEnteredAt,
        stepCount, dueAt, source, enrolledAt, updatedAt, messages, tasks, m, exitReason,
        exitedAt, leaseToken, leaseUntil, revision);
  }

  /**
   * A copy moved to another version by a migration, at {@code newStep} (empty for a scheduled
   * enrolment), due at {@code now} so that the engine re-evaluates it on the new version.
   */
  public Enrolment migrated(int newVersion, Optional<StepId> newStep, Instant now) {
    status.check(status, id);
    return new Enrolment(id, journey, newVersion, lead, sequence, status, newStep,
        stepEnteredAt, stepCount, status == EnrolmentStatus.SCHEDULED ? dueAt : Optional.of(now),
        source, enrolledAt, now, messages, tasks, state, exitReason, exitedAt, leaseToken,
        leaseUntil, revision);
  }

  /** A scheduled enrolment starting now at {@code first}: the enrolment time becomes now. */
  public Enrolment begin(StepId first, Instant now) {
    status.check(EnrolmentStatus.ACTIVE, id);
    return new Enrolment(id, journey, version, lead, sequence, EnrolmentStatus.ACTIVE,
        Optional.of(first), now, 1, Optional.of(now), source, now, now, messages, tasks, state,
        exitReason, exitedAt, leaseToken, leaseUntil, revision);
  }

  /** A copy held under a lease; used by stores. */
  public Enrolment withLease(String token, Instant until) {
    return new Enrolment(id, journey, version, lead, sequence, status, step, stepEnteredAt,
        stepCount, dueAt, source, enrolledAt, updatedAt, messages, tasks, state, exitReason,
        exitedAt, Optional.of(token), Optional.of(until), revision);
  }

  /** A copy without a lease; used by stores. */
  public Enrolment withoutLease() {
    return new Enrolment(id, journey, version, lead, sequence, status, step, stepEnteredAt,
        stepCount, dueAt, source, enrolledAt, updatedAt, messages, tasks, state, exitReason,
        exitedAt, Optional.empty(), Optional.empty(), revision);
  }

  /** A copy carrying {@code newRevision}; used by stores. */
  public Enrolment withRevision(long newRevision) {
    return new Enrolment(id, journey, version, lead, sequence, status, step, stepEnteredAt,
        stepCount, dueAt, source, enrolledAt, updatedAt, messages, tasks, state, exitReason,
        exitedAt, leaseToken, leaseUntil, newRevision);
  }

  /**
   * When a store should hand it out next: the lease expiry while leased, else the due time.
   * Empty for exited enrolments and for those waiting only for an event.
   */
  public Optional<Instant> readyAt() {
    if (!isLive()) {
      return Optional.empty();
    }
    return leaseUntil.isPresent() ? leaseUntil : dueAt;
  }
}
