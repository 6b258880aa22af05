package dev.leadkit.jdbc;

import dev.leadkit.core.port.IdentityLinks;
import dev.leadkit.core.testkit.IdentityLinksContract;

/** The core's {@link IdentityLinks} contract on PostgreSQL. */
class PostgresIdentityLinksContractTest extends IdentityLinksContract {
  @Override
  protected IdentityLinks newLinks() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().identityLinks();
  }
}
