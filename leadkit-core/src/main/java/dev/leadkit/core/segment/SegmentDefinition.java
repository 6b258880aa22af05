package dev.leadkit.core.segment;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.PredicateText;

/**
 * A segment: a named predicate over leads. A value: hosts may store it as JSON (see {@link
 * dev.leadkit.core.segment.json.SegmentJson}) and edit it in their own UI.
 *
 * @param id the segment's id
 * @param name a display name, 1 to 200 characters
 * @param predicate who belongs
 */
public record SegmentDefinition(SegmentId id, String name, Predicate predicate) {
  /** Validates. */
  public SegmentDefinition {
    if (id == null || name == null || predicate == null) {
      throw new InvalidValueException("segment id, name and predicate must not be null ("
          + id + ")");
    }
    if (name.isBlank() || name.length() > 200) {
      throw new InvalidValueException("segment name must have 1 to 200 characters: \""
          + name + "\"");
    }
  }

  /** A definition from its parts. */
  public static SegmentDefinition of(String id, String name, Predicate predicate) {
    return new SegmentDefinition(SegmentId.of(id), name, predicate);
  }

  /** A definition whose predicate is given in the text syntax ({@link PredicateText}). */
  public static SegmentDefinition parse(String id, String name, String predicateText) {
    return of(id, name, PredicateText.parse(predicateText));
  }
}
