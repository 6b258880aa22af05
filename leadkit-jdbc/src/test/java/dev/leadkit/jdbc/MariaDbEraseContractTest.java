package dev.leadkit.jdbc;

/** The erasure contract on MariaDb, down to the raw rows. */
class MariaDbEraseContractTest extends JdbcEraseContract {
  @Override
  protected Dialect dialect() {
    return Dialect.MARIADB;
  }
}
