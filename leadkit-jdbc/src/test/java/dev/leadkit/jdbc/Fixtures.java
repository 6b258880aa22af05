package dev.leadkit.jdbc;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.lead.StageTransitions;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.OutboundMessage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Test data and a data source that fails on demand. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-03-01T00:30:00Z");

  private Fixtures() {}

  static Lead lead(String id, String email) {
    return Lead.create(LeadId.of(id), EmailAddress.parse(email), Attributes.empty(), T0);
  }

  /** A lead with every kind of attribute value, history, consent, owner and scores. */
  static Lead richLead(String id, String email) {
    Attributes a = Attributes.empty()
        .with(AttributeKey.COMPANY, "Yamada Shoji \"KK\", 東京")
        .with(AttributeKey.COMPANY_SIZE, AttributeValue.number(new BigDecimal("300.50")))
        .with(AttributeKey.of("newsletter_ok"), AttributeValue.bool(true))
        .with(AttributeKey.RENEWAL_DATE, AttributeValue.date(LocalDate.of(2027, 4, 1)))
        .with(AttributeKey.FIRST_CONTACT_AT,
            AttributeValue.instant(Instant.parse("2025-11-03T09:15:30.123456789Z")))
        .with(AttributeKey.INTEREST, AttributeValue.list(List.of("crm", "ma", "line\nbreak")));
    Lead l = Lead.create(LeadId.of(id), EmailAddress.parse(email), a, T0)
        .withStage(LifecycleStage.ENGAGED, "visited pricing", T0.plusSeconds(60),
            StageTransitions.defaults())
        .withConsent(new ConsentRecord(Channel.EMAIL, ConsentStatus.SUBSCRIBED,
            "newsletter-form", T0.plusSeconds(5)))
        .withConsent(new ConsentRecord(Channel.PHONE, ConsentStatus.UNSUBSCRIBED,
            "call", T0.plusSeconds(7)))
        .withOwner(Optional.of(OwnerId.of("rep-7")), T0.plusSeconds(90))
        .withScore("behaviour", new Score(21.5, T0.plusSeconds(100), Optional.of("A")))
        .withScore("fit", Score.of(0.1 + 0.2, T0.plusSeconds(100)));
    return l;
  }

  static OutboundMessage message(String key, Instant notBefore) {
    return new OutboundMessage(MessageKey.of(key), LeadId.of("lead-1"), Channel.EMAIL,
        "welcome-1", Optional.of(OwnerId.of("rep-1")), Map.of("token", "abc", "step", "1"),
        notBefore, false);
  }

  /**
   * Wraps {@code ds} so that the {@code n}-th statement (1-based) whose SQL contains
   * {@code fragment} fails when prepared, counting across connections.
   */
  static DataSource failingOn(DataSource ds, String fragment, int n) {
    AtomicInteger seen = new AtomicInteger();
    InvocationHandler dsHandler = (proxy, method, args) -> {
      Object result = invoke(method, ds, args);
      if (result instanceof Connection c) {
        return Proxy.newProxyInstance(Fixtures.class.getClassLoader(),
            new Class<?>[] {Connection.class}, (p, m, a) -> {
              if (m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql
                  && sql.contains(fragment) && seen.incrementAndGet() == n) {
                throw new SQLException("injected failure on: " + sql.substring(0,
                    Math.min(60, sql.length())), "08000");
              }
              return invoke(m, c, a);
            });
      }
      return result;
    };
    return (DataSource) Proxy.newProxyInstance(Fixtures.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, dsHandler);
  }

  private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
