package dev.leadkit.examples.boot;

import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.core.port.OutboundMessage;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A mailer that logs each message instead of sending it. */
public final class LoggingMailer implements Mailer {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingMailer.class);
  private final AtomicInteger sent = new AtomicInteger();

  /** A mailer that logs. */
  public LoggingMailer() {}

  @Override
  public String send(OutboundMessage message, Lead recipient) {
    sent.incrementAndGet();
    LOG.info("mail {} to {} (key {})", message.template(), recipient.email().value(),
        message.key().value());
    return "logged-" + message.key().value();
  }

  /** How many messages were handed over. */
  public int sent() {
    return sent.get();
  }
}
