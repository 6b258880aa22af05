package dev.leadkit.journey.port;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.journey.FrequencyCap;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The messages decided per lead, for frequency caps and duplicate checks.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Atomic reserve.</b> {@link #reserve} checks the caps and records the message in one
 *       step, so two engines deciding for the same lead at once cannot both break a cap.
 *   <li><b>Idempotent.</b> A key is recorded once; reserving it again returns
 *       {@link Reservation#ALREADY_RECORDED} and changes nothing.
 *   <li>Implementations are thread-safe.
 * </ul>
 */
public interface SendLog {
  /** The outcome of {@link #reserve}. */
  enum Reservation {
    /** Recorded now. */
    RESERVED,
    /** The key was recorded before. */
    ALREADY_RECORDED,
    /** Recording it would break a cap; nothing was recorded. */
    CAPPED
  }

  /**
   * Records {@code message} unless its key is known or, for a non-operational message, a cap
   * on its channel would be broken: a cap of {@code max} per {@code window} is broken when
   * {@code max} or more non-operational records of the same lead and channel lie strictly
   * within {@code window} of {@code message.at()} (before or after).
   */
  Reservation reserve(SendRecord message, List<FrequencyCap> caps);

  /** The record with {@code key}. */
  Optional<SendRecord> find(MessageKey key);

  /** The lead's records with {@code at >= since}, ordered by time then key. */
  List<SendRecord> forLead(LeadId lead, Instant since);

  /**
   * Deletes every record of {@code lead} and anything else kept per lead (erasure). Its past
   * sends then no longer count towards frequency caps, as the lead no longer exists.
   *
   * @param lead the lead
   * @return how many send records were deleted
   */
  int deleteLead(LeadId lead);
}
