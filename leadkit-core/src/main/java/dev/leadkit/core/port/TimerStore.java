package dev.leadkit.core.port;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Due work as narrow timers: one row per lead, purpose and due time, claimed in batches under a
 * lease by any number of workers sharing the store. A plugin schedules a timer when it decides
 * that something must happen later (a journey wait ends, a scheduled start comes), a worker
 * claims the due ones, fires each through the engine and completes it.
 *
 * <h2>State and consistency</h2>
 *
 * <ul>
 *   <li><b>One timer per kind and key.</b> {@link #schedule} inserts the timer or, if one with the
 *       same kind and key exists, replaces it: new lead, due time and payload, attempts back to
 *       zero, and any lease dropped (so a holder of the old copy can no longer complete it).
 *   <li><b>Leased claims.</b> {@link #claimDue} takes up to {@code limit} timers that are due at
 *       {@code now} and not held under a lease that is still running at {@code now}, earliest
 *       first, in one atomic step (one round trip on a database), and gives all of them one
 *       fresh token and the lease end {@code now + lease}. No timer is ever held by two
 *       unexpired leases. Workers take {@code now} from their clock right before each claim:
 *       a stale time would hand out leases that are already (nearly) over. An expired lease
 *       makes the timer claimable again; its former holder then learns that it lost the timer
 *       when {@link #complete} or {@link #release} returns false.
 *   <li><b>Conditional completion.</b> {@link #complete} deletes the timer, {@link #reschedule}
 *       moves it and {@link #release} puts it back for a retry, each only while it is still held
 *       under the caller's token; otherwise they change nothing and return false. A stale holder
 *       therefore never deletes or moves a timer that someone else claimed since, nor one that
 *       was scheduled again.
 *   <li><b>Unconditional changes.</b> {@link #cancel} and {@link #deleteLead} delete whatever is
 *       there, held or not: the holder's completion then returns false.
 *   <li>Every write is atomic on its own and joins the surrounding unit of work of the store set
 *       ({@link Stores#inTransaction}), so that a firing's effects and its completion commit
 *       together. Implementations are thread-safe.
 * </ul>
 *
 * <h2>Retries</h2>
 *
 * <p>{@link #schedule}, {@link #cancel}, {@link #complete} and {@link #deleteLead} may be
 * repeated safely: a repeat ends in the same state. {@link #release} counts an attempt each time
 * it succeeds, and only the holder succeeds, so a repeat after success returns false. A claim that
 * failed may have taken timers that nobody fires; they become claimable again when the lease
 * ends. Callers back off failing timers with {@link #release} (the attempts count tells how
 * often it failed) rather than leaving them leased.
 */
public interface TimerStore {
  /**
   * Inserts {@code timer}, or replaces the timer of the same kind and key (see the class
   * comment). The timer's attempts and lease are ignored: it is stored unclaimed with no
   * attempts.
   *
   * @param timer the timer
   * @throws InvalidValueException if {@code timer} is null
   */
  void schedule(Timer timer);

  /**
   * {@link #schedule Schedules} each of {@code timers}, in one write where the store can; the
   * last of the same kind and key wins.
   *
   * @param timers the timers
   * @throws InvalidValueException if {@code timers} is or holds null
   */
  default void scheduleAll(List<Timer> timers) {
    if (timers == null || timers.contains(null)) {
      throw new InvalidValueException("timers must not be or hold null: " + timers);
    }
    for (Timer t : timers) {
      schedule(t);
    }
  }

  /**
   * Deletes the timer of {@code kind} and {@code key}, held or not.
   *
   * @param kind the kind
   * @param key the key
   * @return true if there was one
   * @throws InvalidValueException if {@code kind} or {@code key} is null
   */
  boolean cancel(String kind, String key);

  /**
   * The timer of {@code kind} and {@code key}, as stored.
   *
   * @param kind the kind
   * @param key the key
   * @return the timer, if there is one
   * @throws InvalidValueException if {@code kind} or {@code key} is null
   */
  Optional<Timer> find(String kind, String key);

  /**
   * Claims up to {@code limit} timers due at {@code now} and not held under a running lease,
   * earliest due first (then by kind and key), for {@code holder}, under one new token until
   * {@code now + lease}.
   *
   * @param now the caller's clock, read right before this call
   * @param limit the most timers to claim, at least 1
   * @param lease how long the claim holds, positive
   * @param holder who claims, 1 to 100 characters (for diagnostics)
   * @return the claimed timers as stored after the claim, each carrying its lease
   * @throws InvalidValueException if a value is null, {@code limit} or {@code lease} is not
   *     positive, or {@code holder} is blank or too long
   */
  List<Timer> claimDue(Instant now, int limit, Duration lease, String holder);

  /**
   * Deletes {@code timer} if it is still held under {@code token}.
   *
   * @param timer the claimed timer (its kind and key count)
   * @param token the token of the claim
   * @return true if deleted; false if the lease was lost, or the timer was cancelled or
   *     scheduled again
   * @throws InvalidValueException if a value is null
   */
  boolean complete(Timer timer, String token);

  /**
   * {@link #complete Completes} each of {@code timers} held under {@code token}, in one write
   * where the store can.
   *
   * @param timers the claimed timers
   * @param token the token of the claim
   * @return the {@linkplain Timer#id() ids} of those deleted
   * @throws InvalidValueException if a value is or holds null
   */
  default Set<String> completeAll(List<Timer> timers, String token) {
    if (timers == null || token == null || timers.contains(null)) {
      throw new InvalidValueException("timers and token must not be or hold null");
    }
    Set<String> out = new java.util.HashSet<>();
    for (Timer t : timers) {
      if (complete(t, token)) {
        out.add(t.id());
      }
    }
    return out;
  }

  /**
   * For each of {@code timers} (the new due time and payload of a timer claimed under
   * {@code token}, e.g. {@code claimed.movedTo(next, payload)}): if the stored timer of that
   * kind and key is still held under {@code token}, moves it to the new due time and payload,
   * drops the lease and sets attempts to zero: completing a firing that leaves more to do later,
   * in one write where the store can.
   *
   * @param timers the timers with their new due times and payloads
   * @param token the token of the claim
   * @return the {@linkplain Timer#id() ids} of those moved
   * @throws InvalidValueException if a value is or holds null
   */
  Set<String> reschedule(List<Timer> timers, String token);

  /**
   * Gives {@code timer} back after a failed firing, if it is still held under {@code token}:
   * due at {@code retryAt}, attempts raised by one, lease dropped.
   *
   * @param timer the claimed timer
   * @param token the token of the claim
   * @param retryAt when to try again
   * @return true if released; false if the lease was lost or the timer is gone
   * @throws InvalidValueException if a value is null
   */
  boolean release(Timer timer, String token, Instant retryAt);

  /**
   * The timers of {@code lead}, by due time, then kind and key.
   *
   * @param lead the lead
   * @return its timers
   * @throws InvalidValueException if {@code lead} is null
   */
  List<Timer> findByLead(LeadId lead);

  /**
   * Deletes every timer of {@code lead} (an erased or merged-away lead).
   *
   * @param lead the lead
   * @return how many were deleted
   * @throws InvalidValueException if {@code lead} is null
   */
  int deleteLead(LeadId lead);

  /**
   * Timers due before {@code before}, earliest first: due work nobody fired, or leases that
   * expired long ago.
   *
   * @param before the time
   * @param limit the most to return, at least 1
   * @return the overdue timers
   * @throws InvalidValueException if {@code before} is null or {@code limit} is not positive
   */
  List<Timer> findOverdue(Instant before, int limit);

  /**
   * How many timers there are.
   *
   * @return the number of timers, claimed or not
   */
  long count();

  /**
   * The default check of {@link #claimDue}'s arguments, for implementations.
   *
   * @param now the claim time
   * @param limit the most timers
   * @param lease the lease
   * @param holder the holder
   * @throws InvalidValueException if one is invalid
   */
  static void checkClaim(Instant now, int limit, Duration lease, String holder) {
    if (now == null || lease == null || holder == null || limit <= 0 || lease.isNegative()
        || lease.isZero() || holder.isBlank() || holder.length() > 100) {
      throw new InvalidValueException("a timer claim needs a time, a positive limit and lease,"
          + " and a holder of 1 to 100 characters: " + now + ", " + limit + ", " + lease + ", "
          + holder);
    }
  }

  /**
   * Copies {@code timers} into a list, checking each.
   *
   * @param timers the timers
   * @param what how to name them in an error
   * @return the copy
   * @throws InvalidValueException if {@code timers} is or holds null
   */
  static List<Timer> checked(List<Timer> timers, String what) {
    if (timers == null) {
      throw new InvalidValueException(what + " must not be null");
    }
    List<Timer> out = new ArrayList<>(timers.size());
    for (Timer t : timers) {
      if (t == null) {
        throw new InvalidValueException(what + " must not hold null");
      }
      out.add(t);
    }
    return out;
  }
}
