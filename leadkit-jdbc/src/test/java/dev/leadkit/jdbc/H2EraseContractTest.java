package dev.leadkit.jdbc;

/** The erasure contract on H2, down to the raw rows. */
class H2EraseContractTest extends JdbcEraseContract {
  @Override
  protected Dialect dialect() {
    return Dialect.H2;
  }
}
