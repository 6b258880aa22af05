package dev.leadkit.core.lead;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small map helpers. Not API. */
final class Maps2 {
  private Maps2() {}

  static <K, V> Map<K, V> without(Map<K, V> map, K key) {
    if (!map.containsKey(key)) {
      return map;
    }
    Map<K, V> copy = new LinkedHashMap<>(map);
    copy.remove(key);
    return copy;
  }
}
