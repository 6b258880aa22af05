package dev.leadkit.core.identity;

import dev.leadkit.core.LeadkitException;

/**
 * A merge of two leads with different known e-mail addresses was asked for without
 * {@link MergeRequest#forced()}. Such leads may be two people; leadkit never merges them
 * on its own. Nothing was changed.
 */
public final class MergeGuardException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public MergeGuardException(Object survivor, Object survivorEmail, Object merged,
      Object mergedEmail) {
    super("leads " + survivor + " <" + survivorEmail + "> and " + merged + " <" + mergedEmail
        + "> have different known addresses; merge them only with a forced request");
  }
}
