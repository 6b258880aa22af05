package dev.leadkit.core.port;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A filter on one subject's touchpoints: a set of types (empty means all) and a half-open time
 * window {@code [from, to)} (either end may be open).
 *
 * @param types the types to return; empty for all
 * @param from inclusive lower bound
 * @param to exclusive upper bound
 */
public record TouchpointQuery(Set<TouchpointType> types, Optional<Instant> from,
    Optional<Instant> to) {
  /** Validates and copies. */
  public TouchpointQuery {
    if (types == null || from == null || to == null) {
      throw new InvalidValueException("touchpoint query fields must not be null");
    }
    types = Set.copyOf(types);
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      throw new InvalidValueException("touchpoint query window ends before it starts: "
          + from.get() + " .. " + to.get());
    }
  }

  /** Every touchpoint. */
  public static TouchpointQuery all() {
    return new TouchpointQuery(Set.of(), Optional.empty(), Optional.empty());
  }

  /** Touchpoints of the given types. */
  public static TouchpointQuery ofTypes(TouchpointType... types) {
    return new TouchpointQuery(Set.of(types), Optional.empty(), Optional.empty());
  }

  /** A copy restricted to {@code [from, to)}. */
  public TouchpointQuery between(Instant fromInclusive, Instant toExclusive) {
    return new TouchpointQuery(types, Optional.of(fromInclusive), Optional.of(toExclusive));
  }

  /** A copy restricted to {@code at >= from}. */
  public TouchpointQuery since(Instant fromInclusive) {
    return new TouchpointQuery(types, Optional.of(fromInclusive), to);
  }

  /** True if a touchpoint of {@code type} at {@code at} passes this filter. */
  public boolean matches(TouchpointType type, Instant at) {
    return (types.isEmpty() || types.contains(type))
        && (from.isEmpty() || !at.isBefore(from.get()))
        && (to.isEmpty() || at.isBefore(to.get()));
  }
}
