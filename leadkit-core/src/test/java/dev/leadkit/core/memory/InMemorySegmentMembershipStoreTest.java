package dev.leadkit.core.memory;

import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.testkit.SegmentMembershipStoreContract;

class InMemorySegmentMembershipStoreTest extends SegmentMembershipStoreContract {
  @Override
  protected SegmentMembershipStore newStore() {
    return InMemory.segmentMembershipStore();
  }
}
