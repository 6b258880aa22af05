package dev.leadkit.core.predicate;

import com.google.common.collect.ImmutableSortedSet;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a predicate reads: the index the segment engine uses to re-check only the segments a
 * change can affect.
 *
 * @param attributes attribute keys read
 * @param stage true if the stage is read
 * @param consents channels whose consent is read
 * @param owner true if the owner is read
 * @param scores score models read
 * @param lists static lists read
 * @param segments segments referenced
 * @param touchpointTypes touchpoint types counted (see {@code anyTouchpointType})
 * @param anyTouchpointType true if some behaviour node counts every type
 * @param timeDependent true if the result can change with time alone (sliding windows, recency,
 *     dates relative to today)
 * @param touchpointFilters the filters of the behaviour nodes (counts and recency), without
 *     duplicates: a touchpoint that passes none of them cannot change the result
 */
public record PredicateDependencies(Set<AttributeKey> attributes, boolean stage,
    Set<Channel> consents, boolean owner, Set<String> scores, Set<ListId> lists,
    Set<SegmentId> segments, Set<TouchpointType> touchpointTypes, boolean anyTouchpointType,
    boolean timeDependent, List<TouchpointFilter> touchpointFilters) {

  /**
   * Dependencies whose behaviour filters are known only by type: one filter accepting {@code
   * touchpointTypes} (or every type with {@code anyTouchpointType}), none if neither is given.
   */
  public PredicateDependencies(Set<AttributeKey> attributes, boolean stage,
      Set<Channel> consents, boolean owner, Set<String> scores, Set<ListId> lists,
      Set<SegmentId> segments, Set<TouchpointType> touchpointTypes, boolean anyTouchpointType,
      boolean timeDependent) {
    this(attributes, stage, consents, owner, scores, lists, segments, touchpointTypes,
        anyTouchpointType, timeDependent, anyTouchpointType ? List.of(TouchpointFilter.any())
            : touchpointTypes.isEmpty() ? List.of()
            : List.of(new TouchpointFilter(touchpointTypes, List.of())));
  }

  /** Copies. */
  public PredicateDependencies {
    attributes = ImmutableSortedSet.copyOf(attributes);
    consents = Set.copyOf(consents);
    scores = ImmutableSortedSet.copyOf(scores);
    lists = ImmutableSortedSet.copyOf(lists);
    segments = ImmutableSortedSet.copyOf(segments);
    touchpointTypes = ImmutableSortedSet.copyOf(touchpointTypes);
    touchpointFilters = List.copyOf(new LinkedHashSet<>(touchpointFilters));
  }

  /**
   * True if {@code touchpoint} can change the result: it passes the filter of some behaviour
   * node. Stricter than {@link #readsTouchpoints(TouchpointType)}, which looks at the type only.
   */
  public boolean readsTouchpoint(Touchpoint touchpoint) {
    for (int i = 0, n = touchpointFilters.size(); i < n; i++) {
      if (touchpointFilters.get(i).matches(touchpoint)) {
        return true;
      }
    }
    return false;
  }

  /** True if a touchpoint of {@code type} can change the result. */
  public boolean readsTouchpoints(TouchpointType type) {
    return anyTouchpointType || touchpointTypes.contains(type);
  }

  /** True if any touchpoint is read. */
  public boolean readsTouchpoints() {
    return anyTouchpointType || !touchpointTypes.isEmpty();
  }
}
