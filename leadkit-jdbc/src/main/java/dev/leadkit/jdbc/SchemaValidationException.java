package dev.leadkit.jdbc;

/**
 * The database's leadkit schema history does not match the migrations shipped in this jar: a
 * version was changed after it was applied (its checksum differs), or the database holds a
 * version this jar does not know (it was migrated by a newer leadkit). {@link SchemaInstaller}
 * refuses to touch such a schema.
 */
public final class SchemaValidationException extends JdbcException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public SchemaValidationException(String message) {
    super(message);
  }
}
