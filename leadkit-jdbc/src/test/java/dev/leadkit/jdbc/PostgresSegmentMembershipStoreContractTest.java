package dev.leadkit.jdbc;

import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.testkit.SegmentMembershipStoreContract;

/** The core's {@link SegmentMembershipStore} contract on PostgreSQL. */
class PostgresSegmentMembershipStoreContractTest extends SegmentMembershipStoreContract {
  @Override
  protected SegmentMembershipStore newStore() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().segmentMembershipStore();
  }
}
