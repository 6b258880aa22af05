package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import java.util.List;

/**
 * One group of counted touchpoints.
 *
 * @param group the values of the grouping properties, in the order asked; a missing property is
 *     {@code ""}
 * @param touchpoints how many touchpoints
 * @param leads how many distinct leads they belong to (touchpoints of anonymous visitors count in
 *     {@code touchpoints} only)
 */
public record TouchpointCount(List<String> group, long touchpoints, long leads) {
  /** Validates and copies. */
  public TouchpointCount {
    if (group == null || touchpoints < 0 || leads < 0 || leads > touchpoints) {
      throw new InvalidValueException("bad touchpoint count row: " + group + ", " + touchpoints
          + ", " + leads);
    }
    group = List.copyOf(group);
  }
}
