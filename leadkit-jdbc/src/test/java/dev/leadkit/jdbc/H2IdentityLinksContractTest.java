package dev.leadkit.jdbc;

import dev.leadkit.core.port.IdentityLinks;
import dev.leadkit.core.testkit.IdentityLinksContract;

/** The core's {@link IdentityLinks} contract on H2. */
class H2IdentityLinksContractTest extends IdentityLinksContract {
  @Override
  protected IdentityLinks newLinks() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().identityLinks();
  }
}
