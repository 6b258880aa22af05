package dev.leadkit.journey.memory;

import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.testkit.EnrolmentStoreContract;

class InMemoryEnrolmentStoreTest extends EnrolmentStoreContract {
  @Override
  protected EnrolmentStore newStore() {
    return JourneyMemory.enrolmentStore();
  }
}
