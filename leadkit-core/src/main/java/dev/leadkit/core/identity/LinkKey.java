package dev.leadkit.core.identity;

import dev.leadkit.core.InvalidValueException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * One HMAC-SHA256 key for signing tagged-link tokens, with the id that tokens carry so that
 * keys can rotate. The secret is copied in and never handed out or printed.
 */
public final class LinkKey {
  /** Shortest secret accepted, in bytes (the HMAC-SHA256 output size). */
  public static final int MIN_SECRET = 32;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");

  private final String id;
  private final byte[] secret;

  private LinkKey(String id, byte[] secret) {
    this.id = id;
    this.secret = secret;
  }

  /**
   * A key with {@code id} (1 to 16 letters, digits, {@code _ -}) and {@code secret} (at least
   * {@value #MIN_SECRET} random bytes; keep it out of source code).
   */
  public static LinkKey of(String id, byte[] secret) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidValueException("link key id must be 1 to 16 letters, digits, _ or -: \""
          + id + "\"");
    }
    if (secret == null || secret.length < MIN_SECRET) {
      throw new InvalidValueException("link key \"" + id + "\" secret must have at least "
          + MIN_SECRET + " bytes, got " + (secret == null ? 0 : secret.length));
    }
    return new LinkKey(id, secret.clone());
  }

  /** The key id carried in tokens. */
  public String id() {
    return id;
  }

  byte[] secret() {
    return secret;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinkKey k && k.id.equals(id) && Arrays.equals(k.secret, secret);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "LinkKey[" + id + "]";
  }
}
