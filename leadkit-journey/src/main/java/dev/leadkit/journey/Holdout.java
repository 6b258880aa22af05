package dev.leadkit.journey;

import com.google.common.hash.Hashing;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import java.nio.charset.StandardCharsets;

/**
 * A control group: a stable random share of a journey's entrants that is held out (gets no mail
 * from the journey) so that the journey's lift can be measured against it. The assignment is a
 * pure function of the lead, the journey and the salt: the SHA-256 of the three, read as a
 * number in [0, 1), is below {@code share}. So a lead is held out of a journey on every node,
 * after every restart and on every re-entry, and changing the salt draws a new group.
 *
 * @param share the fraction held out, in (0, 1)
 * @param salt mixed into the hash; change it to draw a new group (may be empty)
 */
public record Holdout(double share, String salt) {
  private static final double TWO_TO_53 = 0x1p53;

  /** Validates. */
  public Holdout {
    if (!(share > 0 && share < 1)) {
      throw new InvalidValueException("hold-out share must lie strictly between 0 and 1: "
          + share);
    }
    if (salt == null || salt.length() > 64) {
      throw new InvalidValueException("hold-out salt must have at most 64 characters: \""
          + salt + "\"");
    }
  }

  /** Holds out {@code share} of the entrants, with an empty salt. */
  public static Holdout of(double share) {
    return new Holdout(share, "");
  }

  /** True if {@code lead} is in the control group of {@code journey}. */
  public boolean holdsOut(LeadId lead, JourneyId journey) {
    if (lead == null || journey == null) {
      throw new InvalidValueException("lead and journey must not be null");
    }
    return position(lead, journey) < share;
  }

  /** Where the lead falls in [0, 1) for this journey and salt. */
  double position(LeadId lead, JourneyId journey) {
    long bits = Hashing.sha256().newHasher()
        .putString(lead.value(), StandardCharsets.UTF_8).putByte((byte) 0)
        .putString(journey.value(), StandardCharsets.UTF_8).putByte((byte) 0)
        .putString(salt, StandardCharsets.UTF_8).hash().asLong();
    return (bits >>> 11) / TWO_TO_53;
  }
}
