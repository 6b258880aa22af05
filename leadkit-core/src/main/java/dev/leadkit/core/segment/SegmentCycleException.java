package dev.leadkit.core.segment;

import dev.leadkit.core.LeadkitException;
import java.util.List;
import java.util.stream.Collectors;

/** A segment definition would make segments reference themselves through a chain. */
public final class SegmentCycleException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  private final List<SegmentId> cycle;

  /** Creates the exception for the chain {@code cycle} (first and last element equal). */
  public SegmentCycleException(List<SegmentId> cycle) {
    super("segment reference cycle refused: " + cycle.stream().map(SegmentId::value)
        .collect(Collectors.joining(" -> ")));
    this.cycle = List.copyOf(cycle);
  }

  /** The chain of references, starting and ending with the same segment. */
  public List<SegmentId> cycle() {
    return cycle;
  }
}
