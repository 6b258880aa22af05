package dev.leadkit.core.content;

import dev.leadkit.core.lead.AttributeKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Interned attribute keys, so rendering does not re-validate names; bounded. */
final class LeadKeys {
  private static final int MAX = 4096;
  private static final Map<String, AttributeKey> KEYS = new ConcurrentHashMap<>();

  private LeadKeys() {}

  static AttributeKey key(String name) {
    AttributeKey k = KEYS.get(name);
    if (k != null) {
      return k;
    }
    k = AttributeKey.of(name);
    if (KEYS.size() < MAX) {
      KEYS.put(name, k);
    }
    return k;
  }
}
