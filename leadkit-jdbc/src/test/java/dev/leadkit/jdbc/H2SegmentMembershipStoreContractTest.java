package dev.leadkit.jdbc;

import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.testkit.SegmentMembershipStoreContract;

/** The core's {@link SegmentMembershipStore} contract on H2. */
class H2SegmentMembershipStoreContractTest extends SegmentMembershipStoreContract {
  @Override
  protected SegmentMembershipStore newStore() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().segmentMembershipStore();
  }
}
