package dev.leadkit.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a missing mailer in Spring Boot's start-up failure report. */
final class MailerMissingFailureAnalyzer extends AbstractFailureAnalyzer<MailerMissingException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MailerMissingException cause) {
    return new FailureAnalysis(
        "leadkit's engine keeps its outbox in the database but no Mailer bean was found to hand"
            + " the messages to.",
        "Define a bean of type dev.leadkit.core.port.Mailer that sends through your mail"
            + " provider, or set leadkit.mail.recording-only=true to only record messages.",
        cause);
  }
}
