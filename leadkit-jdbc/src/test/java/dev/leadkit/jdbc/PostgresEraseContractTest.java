package dev.leadkit.jdbc;

/** The erasure contract on Postgres, down to the raw rows. */
class PostgresEraseContractTest extends JdbcEraseContract {
  @Override
  protected Dialect dialect() {
    return Dialect.POSTGRESQL;
  }
}
