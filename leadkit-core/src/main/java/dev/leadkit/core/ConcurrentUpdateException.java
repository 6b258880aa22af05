package dev.leadkit.core;

/**
 * A lead was saved from a stale copy: someone else wrote it since it was read. Nothing was
 * written. Re-read the lead and apply the change again.
 */
public final class ConcurrentUpdateException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ConcurrentUpdateException(Object leadId, long expectedVersion, long actualVersion) {
    super("lead " + leadId + " was saved from version " + expectedVersion
        + " but the store holds version " + actualVersion);
  }
}
