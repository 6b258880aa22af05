package dev.leadkit.core;

/**
 * The store aborted a unit of work because it lost a race with a concurrent one (a deadlock, a
 * serialization failure, a lock wait time-out). Everything it wrote was rolled back; running the
 * same input again is safe. The engine does so by itself for its own inputs.
 */
public class TransactionConflictException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code operation}, aborted with {@code cause}. */
  public TransactionConflictException(String operation, Throwable cause) {
    super(operation + " lost a race with a concurrent transaction and was rolled back: "
        + cause.getMessage(), cause);
  }
}
