package dev.leadkit.core.identity;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.identity.InvalidTokenException.Reason;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies the short, URL-safe, signed tokens that tagged links carry.
 *
 * <h2>Format</h2>
 *
 * One base64url segment (no padding) of: a version byte; the key id; a flags byte; the lead id;
 * optionally the message key; optionally the expiry in epoch seconds; then the first 16 bytes
 * (128 bits) of an HMAC-SHA256 over everything before it. A token for a UUID lead id, a
 * 25-character message key and an expiry has 119 characters; without the message key, 84.
 *
 * <h2>Threat model</h2>
 *
 * <ul>
 *   <li><b>What a token proves:</b> that this service issued a link for lead L (and message M).
 *       A holder of the token is treated as L's visitor: the token is a bearer credential for
 *       <em>attribution</em>, never for authentication. A host must not show or change personal
 *       data on the strength of a token alone.
 *   <li><b>Forgery and tampering.</b> Without a key no one can make a token for another lead or
 *       change the lead id, message or expiry of a token they hold: every bit is covered by the
 *       MAC, the MAC is compared in constant time ({@link MessageDigest#isEqual}), and a
 *       non-canonical encoding is refused, so a changed token in any way is refused.
 *   <li><b>Forwarded mail.</b> A recipient who forwards a mail forwards the tokens: the new
 *       reader's clicks are attributed to L. Signing cannot prevent this; an expiry bounds it,
 *       and {@link Identity} never re-points a visitor that is already linked to another lead.
 *   <li><b>Leaks to third parties.</b> {@link LinkTagger} tags only links to the hosts it is
 *       told to, so tokens do not travel to other sites in URLs or referrers.
 *   <li><b>Privacy.</b> A token carries the lead's opaque id, never the e-mail address or any
 *       other personal data. The payload is signed, not encrypted: lead ids must not be
 *       meaningful (the default ids are random UUIDs).
 *   <li><b>Rotation.</b> Tokens carry their key id; the newest key signs and every key in the
 *       {@link LinkKeyRing} verifies. Removing a key revokes every token it signed.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class LinkTokens {
  /** Longest token accepted by {@link #verify}, in characters. */
  public static final int MAX_TOKEN = 512;
  static final int MAC_BYTES = 16;
  private static final byte VERSION = 1;
  private static final int HAS_MESSAGE = 1;
  private static final int HAS_EXPIRY = 2;
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();

  private final LinkKeyRing ring;
  private final Clock clock;

  private LinkTokens(LinkKeyRing ring, Clock clock) {
    this.ring = ring;
    this.clock = clock;
  }

  /** Tokens signed with {@code ring}'s newest key; expiry is checked against {@code clock}. */
  public static LinkTokens of(LinkKeyRing ring, Clock clock) {
    if (ring == null || clock == null) {
      throw new InvalidValueException("link key ring and clock must not be null");
    }
    return new LinkTokens(ring, clock);
  }

  /** The key ring. */
  public LinkKeyRing keyRing() {
    return ring;
  }

  /** A token for {@code lead}, without message and expiry. */
  public String issue(LeadId lead) {
    return issue(lead, Optional.empty(), Optional.empty());
  }

  /** A token for {@code lead}, naming {@code message} if given, valid until {@code expiresAt}. */
  public String issue(LeadId lead, Optional<MessageKey> message, Optional<Instant> expiresAt) {
    if (lead == null || message == null || expiresAt == null) {
      throw new InvalidValueException("token lead, message and expiry must not be null");
    }
    LinkKey key = ring.signingKey();
    ByteArrayOutputStream out = new ByteArrayOutputStream(96);
    out.write(VERSION);
    writeShort(out, key.id());
    int flags = (message.isPresent() ? HAS_MESSAGE : 0) | (expiresAt.isPresent() ? HAS_EXPIRY : 0);
    out.write(flags);
    writeShort(out, lead.value());
    message.ifPresent(m -> writeShort(out, m.value()));
    if (expiresAt.isPresent()) {
      long s = expiresAt.get().getEpochSecond();
      if (s < 0 || s >= (1L << 40)) {
        throw new InvalidValueException("token expiry out of range: " + expiresAt.get());
      }
      for (int shift = 32; shift >= 0; shift -= 8) {
        out.write((int) (s >>> shift) & 0xff);
      }
    }
    byte[] payload = out.toByteArray();
    byte[] mac = mac(key, payload);
    byte[] token = Arrays.copyOf(payload, payload.length + MAC_BYTES);
    System.arraycopy(mac, 0, token, payload.length, MAC_BYTES);
    return ENC.encodeToString(token);
  }

  private static void writeShort(ByteArrayOutputStream out, String ascii) {
    byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
    if (b.length == 0 || b.length > 255) {
      throw new InvalidValueException("token field must have 1 to 255 characters: \"" + ascii
          + "\"");
    }
    out.write(b.length);
    out.write(b, 0, b.length);
  }

  /**
   * Verifies {@code token} and returns what it says, or throws {@link InvalidTokenException}:
   * {@code MALFORMED}, {@code UNKNOWN_KEY}, {@code BAD_SIGNATURE} or {@code EXPIRED} (checked in
   * that order, so a forged expired token is reported as forged).
   */
  public VerifiedToken verify(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
      throw new InvalidTokenException(Reason.MALFORMED, String.valueOf(token), "bad length");
    }
    byte[] raw;
    try {
      raw = DEC.decode(token);
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException(Reason.MALFORMED, token, "not base64url");
    }
    if (!ENC.encodeToString(raw).equals(token)) {
      throw new InvalidTokenException(Reason.MALFORMED, token, "not canonical base64url");
    }
    Reader r = new Reader(raw, raw.length - MAC_BYTES, token);
    if (raw.length <= MAC_BYTES + 4 || r.u8() != VERSION) {
      throw new InvalidTokenException(Reason.MALFORMED, token, "unknown version");
    }
    String keyId = r.shortText();
    int flags = r.u8();
    if ((flags & ~(HAS_MESSAGE | HAS_EXPIRY)) != 0) {
      throw new InvalidTokenException(Reason.MALFORMED, token, "unknown flags");
    }
    String lead = r.shortText();
    String message = (flags & HAS_MESSAGE) != 0 ? r.shortText() : null;
    long expiry = -1;
    if ((flags & HAS_EXPIRY) != 0) {
      expiry = 0;
      for (int i = 0; i < 5; i++) {
        expiry = (expiry << 8) | r.u8();
      }
    }
    if (r.pos != raw.length - MAC_BYTES) {
      throw new InvalidTokenException(Reason.MALFORMED, token, "trailing bytes");
    }
    LinkKey key = ring.key(keyId).orElseThrow(() ->
        new InvalidTokenException(Reason.UNKNOWN_KEY, token, "key id \"" + keyId + "\""));
    byte[] payload = Arrays.copyOf(raw, raw.length - MAC_BYTES);
    byte[] expected = Arrays.copyOf(mac(key, payload), MAC_BYTES);
    byte[] given = Arrays.copyOfRange(raw, raw.length - MAC_BYTES, raw.length);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new InvalidTokenException(Reason.BAD_SIGNATURE, token, "signature mismatch");
    }
    Optional<Instant> expiresAt = expiry < 0 ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(expiry));
    if (expiresAt.isPresent() && !clock.instant().isBefore(expiresAt.get())) {
      throw new InvalidTokenException(Reason.EXPIRED, token, "expired at " + expiresAt.get());
    }
    try {
      return new VerifiedToken(LeadId.of(lead),
          Optional.ofNullable(message).map(MessageKey::of), keyId, expiresAt);
    } catch (InvalidValueException e) {
      // authentic but unreadable: only possible if the key signed garbage
      throw new InvalidTokenException(Reason.MALFORMED, token, e.getMessage());
    }
  }

  private static byte[] mac(LinkKey key, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new LeadkitException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private static final class Reader {
    private final byte[] raw;
    private final int end;
    private final String token;
    private int pos;

    Reader(byte[] raw, int end, String token) {
      this.raw = raw;
      this.end = end;
      this.token = token;
    }

    int u8() {
      if (pos >= end) {
        throw new InvalidTokenException(Reason.MALFORMED, token, "truncated");
      }
      return raw[pos++] & 0xff;
    }

    String shortText() {
      int n = u8();
      if (n == 0 || pos + n > end) {
        throw new InvalidTokenException(Reason.MALFORMED, token, "bad field length");
      }
      for (int i = pos; i < pos + n; i++) {
        if (raw[i] < 0x21 || raw[i] > 0x7e) {
          throw new InvalidTokenException(Reason.MALFORMED, token, "non-ASCII field");
        }
      }
      String s = new String(raw, pos, n, StandardCharsets.US_ASCII);
      pos += n;
      return s;
    }
  }
}
