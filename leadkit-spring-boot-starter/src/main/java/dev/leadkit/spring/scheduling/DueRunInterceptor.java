package dev.leadkit.spring.scheduling;

import dev.leadkit.core.DueReport;
import java.util.function.Supplier;

/**
 * Wraps each scheduled {@link dev.leadkit.core.LeadKit#runDue()}, for example to time it or to
 * observe it. An interceptor must call {@code runDue} once and return its report, or let its
 * exception propagate.
 */
@FunctionalInterface
public interface DueRunInterceptor {
  /** Runs {@code runDue} and returns what it returned. */
  DueReport intercept(Supplier<DueReport> runDue);
}
