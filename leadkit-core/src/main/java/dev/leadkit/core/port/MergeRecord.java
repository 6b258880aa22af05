package dev.leadkit.core.port;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The audit record of one merge: who merged which lead into which, when, why, by which rules,
 * and the before-images that an undo restores.
 *
 * @param id the merge's id
 * @param survivor the lead that was kept
 * @param merged the lead that was merged into it and no longer exists on its own
 * @param survivorBefore the survivor as it was just before the merge
 * @param mergedBefore the merged lead as it was just before the merge
 * @param result the survivor as stored by the merge
 * @param survivorTouchpoints the touchpoints the survivor had before the merge
 * @param mergedTouchpoints the touchpoints the merged lead had (now the survivor's)
 * @param mergedVisitors the visitors linked to the merged lead (now linked to the survivor)
 * @param decisions what each survivorship rule decided, one entry per field that differed
 * @param forced true if the guard against merging two different known addresses was overridden
 * @param automatic true if leadkit merged on its own (duplicate detection on import)
 * @param actor who merged (a user name, a system name)
 * @param reason why, in words a person can read
 * @param at when
 * @param undo the undo, once the merge has been undone
 */
public record MergeRecord(
    MergeId id,
    LeadId survivor,
    LeadId merged,
    Lead survivorBefore,
    Lead mergedBefore,
    Lead result,
    SortedSet<TouchpointId> survivorTouchpoints,
    SortedSet<TouchpointId> mergedTouchpoints,
    SortedSet<VisitorId> mergedVisitors,
    List<Decision> decisions,
    boolean forced,
    boolean automatic,
    String actor,
    String reason,
    Instant at,
    Optional<Undo> undo) {

  /**
   * What one rule decided for one field.
   *
   * @param field the field: an attribute key, or {@code stage}, {@code consent.<channel>},
   *     {@code owner}, {@code created_at}
   * @param rule the rule's name, e.g. {@code most_recent}, {@code furthest_stage}
   * @param source whose value was kept: {@code survivor}, {@code merged} or {@code combined}
   */
  public record Decision(String field, String rule, String source) {
    /** Validates. */
    public Decision {
      if (field == null || rule == null || source == null) {
        throw new InvalidValueException("merge decision fields must not be null");
      }
    }
  }

  /**
   * The undo of a merge.
   *
   * @param actor who undid it
   * @param reason why
   * @param at when
   */
  public record Undo(String actor, String reason, Instant at) {
    /** Validates. */
    public Undo {
      if (actor == null || reason == null || at == null) {
        throw new InvalidValueException("merge undo fields must not be null");
      }
    }
  }

  /** Validates and copies. */
  public MergeRecord {
    if (id == null || survivor == null || merged == null || survivorBefore == null
        || mergedBefore == null || result == null || survivorTouchpoints == null
        || mergedTouchpoints == null || mergedVisitors == null || decisions == null
        || actor == null || reason == null || at == null || undo == null) {
      throw new InvalidValueException("merge record fields must not be null (" + id + ")");
    }
    if (!survivorBefore.id().equals(survivor) || !result.id().equals(survivor)
        || !mergedBefore.id().equals(merged)) {
      throw new InvalidValueException("merge record " + id + " images do not match "
          + survivor + " <- " + merged);
    }
    if (actor.isBlank() || actor.length() > 128 || reason.length() > 1024) {
      throw new InvalidValueException("merge actor must have 1 to 128 characters and reason at"
          + " most 1024: \"" + actor + "\"");
    }
    survivorTouchpoints = sorted(survivorTouchpoints);
    mergedTouchpoints = sorted(mergedTouchpoints);
    mergedVisitors = sorted(mergedVisitors);
    decisions = List.copyOf(decisions);
  }

  private static <T extends Comparable<T>> SortedSet<T> sorted(Set<T> in) {
    return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(in));
  }

  /** True once undone. */
  public boolean isUndone() {
    return undo.isPresent();
  }

  /** A copy carrying {@code value} as its undo. */
  public MergeRecord withUndo(Undo value) {
    return new MergeRecord(id, survivor, merged, survivorBefore, mergedBefore, result,
        survivorTouchpoints, mergedTouchpoints, mergedVisitors, decisions, forced, automatic,
        actor, reason, at, Optional.of(value));
  }
}
