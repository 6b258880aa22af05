package dev.leadkit.journey;

import com.google.common.hash.Hashing;
import dev.leadkit.core.internal.IdChars;
import java.nio.charset.StandardCharsets;

/** Stable keys and deterministic hashing. Not API. */
final class Keys {
  private Keys() {}

  /** {@code text} if it is short and safe, else {@code prefix} plus a SHA-256 of it. */
  static String stable(String text, int maxLength, String prefix) {
    if (IdChars.matches(text, maxLength, "._:-")) {
      return text;
    }
    return prefix + Hashing.sha256().hashString(text, StandardCharsets.UTF_8);
  }

  /** A bucket in {@code [0, total)} for {@code parts}, the same on every run and machine. */
  static int bucket(int total, String... parts) {
    long h = Hashing.murmur3_128().hashString(String.join("\u0000", parts),
        StandardCharsets.UTF_8).asLong();
    return (int) Math.floorMod(h, (long) total);
  }
}
