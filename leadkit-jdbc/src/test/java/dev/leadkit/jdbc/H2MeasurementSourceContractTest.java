package dev.leadkit.jdbc;

import dev.leadkit.core.testkit.MeasurementSourceContract;

/** The core's measurement source contract (known answers) on H2, through the default cache. */
class H2MeasurementSourceContractTest extends MeasurementSourceContract {
  @Override
  protected Fixture newFixture() {
    JdbcStores stores = TestDatabases.stores(Dialect.H2, getClass().getName()).build();
    return new Fixture(stores.leadStore(), stores.touchpointLog(), stores.measurementSource());
  }
}
