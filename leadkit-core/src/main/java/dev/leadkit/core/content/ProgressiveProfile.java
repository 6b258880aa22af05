package dev.leadkit.core.content;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Lead;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Progressive profiling (R7.3): a form's candidate fields in priority order, and how many to ask
 * at a time. Each time the lead meets the form it is asked only the first one or two fields it
 * has not answered yet, so the profile fills in over several visits without a long form.
 *
 * <pre>{@code
 * ProgressiveProfile download = ProgressiveProfile.of(List.of(AttributeKey.COMPANY,
 *     AttributeKey.TITLE, AttributeKey.INDUSTRY, AttributeKey.COMPANY_SIZE, AttributeKey.BUDGET));
 * List<AttributeKey> ask = download.nextFields(lead);   // e.g. [industry, company_size]
 * }</pre>
 */
public final class ProgressiveProfile {
  private final List<AttributeKey> candidates;
  private final int perVisit;

  private ProgressiveProfile(List<AttributeKey> candidates, int perVisit) {
    this.candidates = candidates;
    this.perVisit = perVisit;
  }

  /** A profile asking up to two of {@code candidates} (highest priority first, no repeats). */
  public static ProgressiveProfile of(List<AttributeKey> candidates) {
    if (candidates == null || candidates.isEmpty()) {
      throw new InvalidValueException("progressive profiling needs candidate fields");
    }
    Set<AttributeKey> seen = new HashSet<>();
    for (AttributeKey k : candidates) {
      if (k == null || !seen.add(k)) {
        throw new InvalidValueException("candidate field " + k + " is null or listed twice in "
            + candidates);
      }
    }
    return new ProgressiveProfile(List.copyOf(candidates), 2);
  }

  /** A copy asking up to {@code n} fields per visit (at least 1). */
  public ProgressiveProfile askingAtMost(int n) {
    if (n < 1) {
      throw new InvalidValueException("fields per visit must be at least 1: " + n);
    }
    return new ProgressiveProfile(candidates, n);
  }

  /** The candidate fields in priority order. */
  public List<AttributeKey> candidates() {
    return candidates;
  }

  /** The next fields to ask a lead with these known attributes; empty when all are known. */
  public List<AttributeKey> nextFields(Attributes known) {
    List<AttributeKey> out = new ArrayList<>(perVisit);
    for (AttributeKey k : candidates) {
      if (out.size() == perVisit) {
        break;
      }
      if (!known.has(k)) {
        out.add(k);
      }
    }
    return List.copyOf(out);
  }

  /** The next fields to ask {@code lead}. */
  public List<AttributeKey> nextFields(Lead lead) {
    return nextFields(lead.attributes());
  }

  /** True if every candidate field is known. */
  public boolean isComplete(Attributes known) {
    return candidates.stream().allMatch(known::has);
  }
}
