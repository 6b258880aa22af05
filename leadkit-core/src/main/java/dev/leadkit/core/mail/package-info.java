/** Delivery: the dispatcher that hands outbox entries to the host's mailer, with retries. */
@NullMarked
package dev.leadkit.core.mail;

import org.jspecify.annotations.NullMarked;
