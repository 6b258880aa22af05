package dev.leadkit.core.memory;

import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.testkit.MeasurementSourceContract;

class InMemoryMeasurementSourceTest extends MeasurementSourceContract {
  @Override
  protected Fixture newFixture() {
    LeadStore leads = InMemory.leadStore();
    TouchpointLog log = InMemory.touchpointLog();
    return new Fixture(leads, log, InMemory.measurementSource(leads, log));
  }
}
