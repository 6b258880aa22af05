package dev.leadkit.core.identity;

import dev.leadkit.core.LeadkitException;

/**
 * A tagged-link token was refused. Nothing was stitched. {@link #reason()} says why; the message
 * quotes at most the first 16 characters of the token.
 */
public final class InvalidTokenException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Why a token was refused. */
  public enum Reason {
    /** Not a token of this format: bad characters, bad length, non-canonical encoding. */
    MALFORMED,
    /** Signed with a key id the key ring does not hold (retired, or never issued here). */
    UNKNOWN_KEY,
    /** The signature does not match: forged or tampered with. */
    BAD_SIGNATURE,
    /** Authentic, but past its expiry. */
    EXPIRED
  }

  private final Reason reason;

  /** Creates the exception. */
  public InvalidTokenException(Reason reason, String token, String detail) {
    super("link token " + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + " (" + detail + "): \"" + preview(token) + "\"");
    this.reason = reason;
  }

  private static String preview(String token) {
    if (token == null) {
      return "null";
    }
    return token.length() <= 16 ? token : token.substring(0, 16) + "...";
  }

  /** Why the token was refused. */
  public Reason reason() {
    return reason;
  }
}
