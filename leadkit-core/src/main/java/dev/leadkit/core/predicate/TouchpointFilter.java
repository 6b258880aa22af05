package dev.leadkit.core.predicate;

import com.google.common.collect.ImmutableSortedSet;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Which touchpoints count: a set of types (empty = every type) and property filters that must
 * all pass. Reusable on its own for one touchpoint, e.g. a scoring behaviour rule or a journey
 * step waiting for an event:
 *
 * <pre>{@code
 * TouchpointFilter pricing = TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/pricing/**");
 * if (pricing.matches(touchpoint)) { ... }
 * }</pre>
 *
 * <p>Text form: {@code page_view | email_clicked where url ~ "/pricing/**" and campaign = "x"}
 * (numeric comparisons: {@code page_view where seconds >= 60}),
 * or {@code any} for every type. SQL: {@code type IN (...)} (omitted when empty) AND one
 * condition per property filter.
 *
 * @param types accepted types; empty accepts every type; kept sorted
 * @param properties filters that must all pass, in the order given
 */
public record TouchpointFilter(Set<TouchpointType> types, List<PropertyFilter> properties) {
  /** Most property filters in one touchpoint filter. */
  public static final int MAX_PROPERTIES = 32;

  /** Validates and copies. */
  public TouchpointFilter {
    if (types == null || properties == null) {
      throw new InvalidValueException("touchpoint filter types and properties must not be null");
    }
    for (TouchpointType t : types) {
      if (t == null) {
        throw new InvalidValueException("touchpoint filter types must not contain null");
      }
    }
    for (PropertyFilter p : properties) {
      if (p == null) {
        throw new InvalidValueException("touchpoint filter properties must not contain null");
      }
    }
    if (properties.size() > MAX_PROPERTIES) {
      throw new InvalidValueException("touchpoint filter has " + properties.size()
          + " property filters, more than " + MAX_PROPERTIES);
    }
    types = ImmutableSortedSet.copyOf(types);
    properties = List.copyOf(properties);
  }

  /** Touchpoints of any of {@code types} (none given: every type), without property filters. */
  public static TouchpointFilter of(TouchpointType... types) {
    return new TouchpointFilter(Set.copyOf(Arrays.asList(types)), List.of());
  }

  /** Every touchpoint. */
  public static TouchpointFilter any() {
    return new TouchpointFilter(Set.of(), List.of());
  }

  /** True if every type is accepted. */
  public boolean anyType() {
    return types.isEmpty();
  }

  /** A copy with {@code filter} added. */
  public TouchpointFilter with(PropertyFilter filter) {
    List<PropertyFilter> ps = new ArrayList<>(properties);
    ps.add(filter);
    return new TouchpointFilter(types, ps);
  }

  /** A copy that also requires the {@code url} to match {@code glob}. */
  public TouchpointFilter url(String glob) {
    return with(new PropertyFilter.Matches(PropertyKey.URL, Glob.of(glob)));
  }

  /** A copy that also requires {@code key} to equal one of {@code values}. */
  public TouchpointFilter property(PropertyKey key, String... values) {
    return with(new PropertyFilter.OneOf(key, Set.copyOf(Arrays.asList(values))));
  }

  /** A copy that also requires {@code key} to match {@code glob}. */
  public TouchpointFilter propertyMatches(PropertyKey key, String glob) {
    return with(new PropertyFilter.Matches(key, Glob.of(glob)));
  }

  /**
   * A copy that also requires {@code key} to hold a number that compares with {@code value} as
   * {@code op} says (see {@link PropertyFilter.Compare}).
   */
  public TouchpointFilter number(PropertyKey key, PropertyFilter.NumberOp op, BigDecimal value) {
    return with(new PropertyFilter.Compare(key, op, value));
  }

  /** As {@link #number(PropertyKey, PropertyFilter.NumberOp, BigDecimal)} with a whole number. */
  public TouchpointFilter number(PropertyKey key, PropertyFilter.NumberOp op, long value) {
    return number(key, op, BigDecimal.valueOf(value));
  }

  /** A copy that also requires at least {@code seconds} in the {@code seconds} property. */
  public TouchpointFilter secondsAtLeast(long seconds) {
    return number(PropertyKey.SECONDS, PropertyFilter.NumberOp.GE, seconds);
  }

  /** True if {@code touchpoint} has an accepted type and passes every property filter. */
  public boolean matches(Touchpoint touchpoint) {
    if (!types.isEmpty() && !types.contains(touchpoint.type())) {
      return false;
    }
    for (int i = 0, n = properties.size(); i < n; i++) {
      if (!properties.get(i).matches(touchpoint)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return PredicateText.formatFilter(this);
  }
}
