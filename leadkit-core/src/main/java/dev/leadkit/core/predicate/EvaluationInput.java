package dev.leadkit.core.predicate;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.Touchpoint;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything a compiled predicate may read about one lead at one instant. Hosts and plugins
 * build one per lead; the segment engine builds them from its stores.
 *
 * <pre>{@code
 * EvaluationInput in = EvaluationInput.of(lead, history, clock.instant())
 *     .withLists(list -> lists.contains(list, lead.id()))
 *     .withSegments(seg -> memberships.isMember(seg, lead.id()));
 * }</pre>
 *
 * @param lead the lead
 * @param history its touchpoints
 * @param now the evaluation time ("now" and "today" in predicates)
 * @param lists static list membership of this lead
 * @param segments segment membership of this lead
 */
public record EvaluationInput(Lead lead, TouchpointHistory history, Instant now,
    ListMembership lists, SegmentMembership segments) {

  /** Static list membership of one lead. */
  @FunctionalInterface
  public interface ListMembership {
    /** True if the lead is in {@code list}. */
    boolean contains(ListId list);
  }

  /** Segment membership of one lead. */
  @FunctionalInterface
  public interface SegmentMembership {
    /** True if the lead is a member of {@code segment}. */
    boolean isMember(SegmentId segment);
  }

  /** Validates. */
  public EvaluationInput {
    if (lead == null || history == null || now == null || lists == null || segments == null) {
      throw new InvalidValueException("evaluation input fields must not be null");
    }
  }

  /** An input in no list and no segment. */
  public static EvaluationInput of(Lead lead, TouchpointHistory history, Instant now) {
    return new EvaluationInput(lead, history, now, l -> false, s -> false);
  }

  /**
   * An input for evaluating {@code predicate}: the history is read lazily from {@code log},
   * only the touchpoints {@link CompiledPredicate#historyQuery} asks for, and only if a
   * behaviour node needs them. In no list and no segment; add those with {@link
   * #withLists(ListMembership)} and {@link #withSegments(SegmentMembership)}, or use {@code
   * SegmentsPlugin.input(lead, predicate)} which reads the stored ones.
   */
  public static EvaluationInput of(Lead lead, TouchpointLog log, CompiledPredicate predicate,
      Instant now) {
    TouchpointHistory history = predicate.historyQuery(now)
        .map(q -> TouchpointHistory.lazy(log, lead.id(), q))
        .orElse(TouchpointHistory.empty());
    return of(lead, history, now);
  }

  /** An input with a fixed history, in no list and no segment. */
  public static EvaluationInput of(Lead lead, List<Touchpoint> touchpoints, Instant now) {
    return of(lead, TouchpointHistory.of(touchpoints), now);
  }

  /** A copy with other list membership. */
  public EvaluationInput withLists(ListMembership newLists) {
    return new EvaluationInput(lead, history, now, newLists, segments);
  }

  /** A copy in exactly the lists {@code memberOf}. */
  public EvaluationInput withLists(Set<ListId> memberOf) {
    Set<ListId> copy = Set.copyOf(memberOf);
    return withLists(copy::contains);
  }

  /** A copy with other segment membership. */
  public EvaluationInput withSegments(SegmentMembership newSegments) {
    return new EvaluationInput(lead, history, now, lists, newSegments);
  }

  /** A copy in exactly the segments {@code memberOf}. */
  public EvaluationInput withSegments(Set<SegmentId> memberOf) {
    Set<SegmentId> copy = Set.copyOf(memberOf);
    return withSegments(copy::contains);
  }

  /** A copy at another time. */
  public EvaluationInput at(Instant newNow) {
    return new EvaluationInput(lead, history, newNow, lists, segments);
  }
}
