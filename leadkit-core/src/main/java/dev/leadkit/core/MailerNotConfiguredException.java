package dev.leadkit.core;

import dev.leadkit.core.port.Stores;

/**
 * The engine keeps its outbox in durable stores but was built without a mailer, so dispatching
 * would hand real messages to a recorder that delivers nothing. Nothing was dispatched; choose a
 * mailer with {@code LeadKit.builder().mailer(...)} (a {@code RecordingMailer} too, if recording
 * is really what you want).
 */
public class MailerNotConfiguredException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for an engine on {@code stores}. */
  public MailerNotConfiguredException(Stores stores) {
    super("no mailer was chosen for an engine on durable stores (" + stores + "): refusing to"
        + " dispatch, since the default RecordingMailer delivers nothing; set"
        + " LeadKit.builder().mailer(...)");
  }
}
