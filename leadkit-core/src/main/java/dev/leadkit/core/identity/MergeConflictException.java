package dev.leadkit.core.identity;

import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.port.MergeId;
import java.util.List;

/**
 * An undo was refused because changes made since the merge cannot be given to one lead without
 * guessing, or because the leads are no longer where the merge left them. Nothing was changed.
 * {@link #conflicts()} names every conflicting change.
 */
public final class MergeConflictException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /**
   * One change that blocks the undo.
   *
   * @param field the field that changed, e.g. {@code company}, {@code stage},
   *     {@code consent.email}, {@code owner}, or {@code lead} for the leads themselves
   * @param description what changed and why it is ambiguous
   */
  public record Conflict(String field, String description) {}

  private final MergeId merge;
  private final transient List<Conflict> conflicts;

  /** Creates the exception. */
  public MergeConflictException(MergeId merge, List<Conflict> conflicts) {
    super("cannot undo merge " + merge + ": " + conflicts.stream()
        .map(c -> c.field() + ": " + c.description()).reduce((a, b) -> a + "; " + b)
        .orElse("(no detail)"));
    this.merge = merge;
    this.conflicts = List.copyOf(conflicts);
  }

  /** The merge that could not be undone. */
  public MergeId merge() {
    return merge;
  }

  /** The conflicting changes. */
  public List<Conflict> conflicts() {
    return conflicts;
  }
}
