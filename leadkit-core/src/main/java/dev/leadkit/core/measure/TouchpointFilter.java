package dev.leadkit.core.measure;

import com.google.common.collect.ImmutableSortedMap;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.Elements;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.util.Map;
import java.util.Set;

/**
 * Which touchpoints a measurement counts: one of {@code types}, and for every entry of {@code
 * propertyIn} the property present with one of the listed values. Plain data so that a SQL
 * adapter can translate it to {@code type IN (..) AND prop IN (..)}.
 *
 * @param types the accepted types, not empty
 * @param propertyIn required property values; an empty map places no condition
 */
public record TouchpointFilter(Set<TouchpointType> types,
    Map<PropertyKey, Set<String>> propertyIn) {
  /** Validates and copies. */
  public TouchpointFilter {
    if (types == null || propertyIn == null || types.isEmpty()) {
      throw new InvalidValueException("a touchpoint filter needs at least one type: " + types);
    }
    types = Elements.setOf("touchpoint types", types);
    propertyIn.forEach((k, v) -> {
      if (k == null || v == null || v.isEmpty()) {
        throw new InvalidValueException("touchpoint filter on " + k + " needs values: " + v);
      }
    });
    ImmutableSortedMap.Builder<PropertyKey, Set<String>> b = ImmutableSortedMap.naturalOrder();
    propertyIn.forEach((k, v) -> b.put(k, Elements.setOf("values of " + k, v)));
    propertyIn = b.build();
  }

  /** Touchpoints of the given types. */
  public static TouchpointFilter ofTypes(TouchpointType... types) {
    return new TouchpointFilter(Elements.setOf("touchpoint types", types), Map.of());
  }

  /** A copy that also requires property {@code key} to be one of {@code values}. */
  public TouchpointFilter where(PropertyKey key, String... values) {
    if (key == null) {
      throw new InvalidValueException("touchpoint filter property must not be null");
    }
    ImmutableSortedMap.Builder<PropertyKey, Set<String>> b = ImmutableSortedMap.naturalOrder();
    propertyIn.forEach((k, v) -> {
      if (!k.equals(key)) {
        b.put(k, v);
      }
    });
    b.put(key, Elements.setOf("values of " + key, values));
    return new TouchpointFilter(types, b.build());
  }

  /** True if {@code t} passes. */
  public boolean matches(Touchpoint t) {
    if (!types.contains(t.type())) {
      return false;
    }
    for (Map.Entry<PropertyKey, Set<String>> e : propertyIn.entrySet()) {
      String v = t.properties().get(e.getKey());
      if (v == null || !e.getValue().contains(v)) {
        return false;
      }
    }
    return true;
  }
}
