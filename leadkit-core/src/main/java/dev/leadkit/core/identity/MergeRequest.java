package dev.leadkit.core.identity;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import java.util.Optional;

/**
 * A request to merge one lead into another.
 *
 * <pre>{@code
 * identity.merge(MergeRequest.of(survivor, duplicate, "alice@sales", "same person, new job")
 *     .forced());     // needed when both have different known addresses
 * }</pre>
 *
 * @param survivor the lead to keep (a merged id is resolved to its survivor)
 * @param merged the lead to merge into it
 * @param actor who asks (a user or system name), recorded
 * @param reason why, recorded
 * @param force true to override the guard against merging two different known addresses; the
 *     merge is recorded as forced
 * @param policy survivorship rules for this merge instead of the plugin's policy
 */
public record MergeRequest(LeadId survivor, LeadId merged, String actor, String reason,
    boolean force, Optional<MergePolicy> policy) {
  /** Validates. */
  public MergeRequest {
    if (survivor == null || merged == null || actor == null || reason == null
        || policy == null) {
      throw new InvalidValueException("merge request fields must not be null");
    }
    if (actor.isBlank() || actor.length() > 128) {
      throw new InvalidValueException("merge actor must have 1 to 128 characters: \"" + actor
          + "\"");
    }
    if (reason.length() > 1024) {
      throw new InvalidValueException("merge reason longer than 1024 characters");
    }
    if (survivor.equals(merged)) {
      throw new InvalidValueException("cannot merge lead " + survivor + " into itself");
    }
  }

  /** An unforced request under the plugin's policy. */
  public static MergeRequest of(LeadId survivor, LeadId merged, String actor, String reason) {
    return new MergeRequest(survivor, merged, actor, reason, false, Optional.empty());
  }

  /** A forced copy: it may merge two different known addresses, and is recorded as forced. */
  public MergeRequest forced() {
    return new MergeRequest(survivor, merged, actor, reason, true, policy);
  }

  /** A copy that uses {@code value} instead of the plugin's policy. */
  public MergeRequest withPolicy(MergePolicy value) {
    return new MergeRequest(survivor, merged, actor, reason, force, Optional.of(value));
  }
}
