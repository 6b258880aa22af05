package dev.leadkit.core.internal;

import dev.leadkit.core.InvalidValueException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Null-checked set building for value factories (content, measurement). Not API. */
public final class Elements {
  private Elements() {}

  /** The items as an ordered set; a null array or element is refused naming {@code what}. */
  @SafeVarargs
  public static <T> Set<T> setOf(String what, T... items) {
    if (items == null) {
      throw new InvalidValueException(what + " must not be null");
    }
    java.util.List<T> list = new java.util.ArrayList<>(items.length);
    for (T t : items) {
      list.add(t);
    }
    return setOf(what, list);
  }

  /** The items as an ordered set; a null collection or element is refused naming {@code what}. */
  public static <T> Set<T> setOf(String what, Collection<T> items) {
    Set<T> out = new LinkedHashSet<>();
    for (T t : items) {
      if (t == null) {
        throw new InvalidValueException(what + " must not contain null: " + items);
      }
      out.add(t);
    }
    return Set.copyOf(out);
  }
}
