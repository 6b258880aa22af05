package dev.leadkit.spring.scheduling;

import dev.leadkit.core.DueReport;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.LeadKit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Calls {@link LeadKit#runDue()} at a fixed delay on a single thread of its own (not the
 * application's {@code @Scheduled} infrastructure). It starts with the application context and
 * stops, letting a run in progress finish, when the context closes.
 *
 * <p>Every node of an application may run it at once: due enrolments, timers and outbox
 * messages are claimed under leases ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL and MariaDB),
 * so the nodes share the work instead of repeating it. A failed run is logged and the next one
 * runs as planned.
 */
public final class LeadkitScheduler implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(LeadkitScheduler.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final LeadKit kit;
  private final Duration interval;
  private final Duration initialDelay;
  private final List<DueRunInterceptor> interceptors;
  private final Object lock = new Object();
  private final AtomicReference<@Nullable DueReport> lastReport = new AtomicReference<>();
  private final AtomicLong failures = new AtomicLong();
  private @Nullable ScheduledExecutorService executor;

  /**
   * A scheduler for {@code kit}.
   *
   * @param interval the pause between the end of one run and the start of the next; positive
   * @param initialDelay the pause before the first run; zero or positive
   * @param interceptors wrap each run, the first outermost
   */
  public LeadkitScheduler(LeadKit kit, Duration interval, Duration initialDelay,
      List<DueRunInterceptor> interceptors) {
    if (kit == null) {
      throw new InvalidValueException("kit must not be null");
    }
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new InvalidValueException("run-due interval must be positive: " + interval);
    }
    if (initialDelay == null || initialDelay.isNegative()) {
      throw new InvalidValueException("initial delay must not be negative: " + initialDelay);
    }
    this.kit = kit;
    this.interval = interval;
    this.initialDelay = initialDelay;
    this.interceptors = List.copyOf(interceptors);
  }

  /**
   * Runs due work once, now, through the interceptors, on the calling thread. Returns the report,
   * or empty if the run failed (the failure is logged).
   */
  public Optional<DueReport> runOnce() {
    Supplier<DueReport> run = kit::runDue;
    for (int i = interceptors.size() - 1; i >= 0; i--) {
      DueRunInterceptor interceptor = interceptors.get(i);
      Supplier<DueReport> inner = run;
      run = () -> interceptor.intercept(inner);
    }
    try {
      DueReport report = run.get();
      lastReport.set(report);
      if (LOG.isDebugEnabled()) {
        LOG.debug("leadkit runDue: {}", report);
      }
      return Optional.of(report);
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      LOG.error("leadkit runDue failed; the next run is in {}", interval, e);
      return Optional.empty();
    }
  }

  /** The report of the last successful run, if any. */
  public Optional<DueReport> lastReport() {
    return Optional.ofNullable(lastReport.get());
  }

  /** How many runs failed since start-up. */
  public long failures() {
    return failures.get();
  }

  /** The pause between runs. */
  public Duration interval() {
    return interval;
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (executor != null) {
        return;
      }
      ScheduledExecutorService e = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "leadkit-run-due");
        t.setDaemon(true);
        return t;
      });
      e.scheduleWithFixedDelay(this::runOnce, initialDelay.toMillis(), interval.toMillis(),
          TimeUnit.MILLISECONDS);
      executor = e;
      LOG.info("leadkit runDue scheduled every {} (first in {})", interval, initialDelay);
    }
  }

  @Override
  public void stop() {
    ExecutorService e;
    synchronized (lock) {
      e = executor;
      executor = null;
    }
    if (e == null) {
      return;
    }
    e.shutdown();
    try {
      if (!e.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("leadkit runDue did not finish within {}; interrupting it", STOP_TIMEOUT);
        e.shutdownNow();
      }
    } catch (InterruptedException ie) {
      e.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("leadkit runDue stopped");
  }

  @Override
  public boolean isRunning() {
    synchronized (lock) {
      return executor != null;
    }
  }
}
