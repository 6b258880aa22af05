package dev.leadkit.jdbc;

import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.testkit.SegmentMembershipStoreContract;

/** The core's {@link SegmentMembershipStore} contract on MariaDB. */
class MariaDbSegmentMembershipStoreContractTest extends SegmentMembershipStoreContract {
  @Override
  protected SegmentMembershipStore newStore() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().segmentMembershipStore();
  }
}
