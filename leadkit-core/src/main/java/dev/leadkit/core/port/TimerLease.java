package dev.leadkit.core.port;

import dev.leadkit.core.InvalidValueException;
import java.time.Instant;

/**
 * Who holds a claimed {@link Timer}, under which token and until when.
 *
 * @param holder the name of the process or engine that claimed it (for diagnostics)
 * @param token the claim's token: completion and release must present it
 * @param until when the lease expires and the timer may be claimed again
 */
public record TimerLease(String holder, String token, Instant until) {
  /**
   * Validates.
   *
   * @throws InvalidValueException if a field is null or the holder or token is blank or longer
   *     than 100 characters
   */
  public TimerLease {
    if (holder == null || token == null || until == null || holder.isBlank() || token.isBlank()
        || holder.length() > 100 || token.length() > 100) {
      throw new InvalidValueException("a timer lease needs a holder and a token of 1 to 100"
          + " characters and an end: " + holder + ", " + token + ", " + until);
    }
  }
}
