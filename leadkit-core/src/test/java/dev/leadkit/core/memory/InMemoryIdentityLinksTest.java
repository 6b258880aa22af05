package dev.leadkit.core.memory;

import dev.leadkit.core.port.IdentityLinks;
import dev.leadkit.core.testkit.IdentityLinksContract;

class InMemoryIdentityLinksTest extends IdentityLinksContract {
  @Override
  protected IdentityLinks newLinks() {
    return InMemory.identityLinks();
  }
}
