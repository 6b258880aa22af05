package dev.leadkit.spring.boot;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Helpers shared by the starter's tests. */
final class TestSupport {
  private TestSupport() {}

  /** A fresh, private in-memory H2 database. */
  static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:lk" + UUID.randomUUID().toString().replace("-", "")
        + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    return ds;
  }

  /** Every leadkit auto-configuration, the scheduler parked far in the future. */
  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LeadkitAutoConfiguration.class,
            LeadkitFlywayAutoConfiguration.class, LeadkitActuatorAutoConfiguration.class,
            LeadkitMetricsAutoConfiguration.class))
        .withPropertyValues("leadkit.scheduling.initial-delay=1h");
  }

  static Lead subscribedLead(LeadKit kit, String email) {
    return kit.upsertLead(LeadInput.email(email)
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead();
  }

  static Touchpoint view(LeadKit kit, LeadId lead, String id, String url) {
    return Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, kit.clock().instant()).id(id)
        .url(url).build();
  }
}
