package dev.leadkit.jdbc;

import dev.leadkit.core.testkit.MeasurementSourceContract;

/** The core's measurement source contract (known answers) on PostgreSQL, through the default cache. */
class PostgresMeasurementSourceContractTest extends MeasurementSourceContract {
  @Override
  protected Fixture newFixture() {
    JdbcStores stores = TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build();
    return new Fixture(stores.leadStore(), stores.touchpointLog(), stores.measurementSource());
  }
}
