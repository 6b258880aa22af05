package dev.leadkit.jdbc;

import dev.leadkit.core.LeadkitException;
import java.sql.SQLException;

/**
 * A database call made by a leadkit JDBC adapter failed for a reason leadkit cannot map to a
 * domain error (the connection broke, a table is missing, a constraint leadkit did not expect).
 * Nothing of the failed operation was written. The message names the operation and carries the
 * driver's SQL state.
 */
public class JdbcException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for a failed {@code operation}. */
  public JdbcException(String operation, SQLException cause) {
    super(operation + " failed: " + cause.getMessage() + " (SQL state " + cause.getSQLState()
        + ", error code " + cause.getErrorCode() + ")", cause);
  }

  /** Creates the exception with a message of its own. */
  public JdbcException(String message) {
    super(message);
  }

  /** Creates the exception with a message of its own and its cause. */
  public JdbcException(String message, Throwable cause) {
    super(message, cause);
  }
}
