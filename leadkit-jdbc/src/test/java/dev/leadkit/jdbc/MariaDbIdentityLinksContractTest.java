package dev.leadkit.jdbc;

import dev.leadkit.core.port.IdentityLinks;
import dev.leadkit.core.testkit.IdentityLinksContract;

/** The core's {@link IdentityLinks} contract on MariaDB. */
class MariaDbIdentityLinksContractTest extends IdentityLinksContract {
  @Override
  protected IdentityLinks newLinks() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().identityLinks();
  }
}
