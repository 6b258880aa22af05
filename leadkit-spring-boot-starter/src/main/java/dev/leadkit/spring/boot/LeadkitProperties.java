package dev.leadkit.spring.boot;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code leadkit.*} settings of the Spring Boot starter.
 *
 * <pre>
 * leadkit.table-prefix=lk_
 * leadkit.schema.install=false
 * leadkit.mail.recording-only=false
 * leadkit.scheduling.enabled=true
 * leadkit.scheduling.run-due-interval=1m
 * leadkit.scheduling.initial-delay=10s
 * leadkit.lead-cache.maximum-size=10000
 * leadkit.lead-cache.ttl=60s
 * leadkit.flyway.history-table=          (unset: one history with the application's)
 * leadkit.health.stuck-after=1h
 * </pre>
 */
@ConfigurationProperties(prefix = "leadkit")
public class LeadkitProperties {
  /**
   * Prefix of leadkit's table names, so that its tables live beside the application's: empty or
   * a lower-case letter followed by up to 29 lower-case letters, digits or underscores.
   */
  private String tablePrefix = "lk_";

  private final Schema schema = new Schema();
  private final Mail mail = new Mail();
  private final Scheduling scheduling = new Scheduling();
  private final LeadCacheSettings leadCache = new LeadCacheSettings();
  private final Health health = new Health();
  private final Flyway flyway = new Flyway();
  private final Console console = new Console();

  /** Creates the settings with their defaults. */
  public LeadkitProperties() {}

  /** The table-name prefix. */
  public String getTablePrefix() {
    return tablePrefix;
  }

  /** Sets the table-name prefix. */
  public void setTablePrefix(String tablePrefix) {
    this.tablePrefix = tablePrefix;
  }

  /** Schema settings. */
  public Schema getSchema() {
    return schema;
  }

  /** Mail settings. */
  public Mail getMail() {
    return mail;
  }

  /** Scheduling settings. */
  public Scheduling getScheduling() {
    return scheduling;
  }

  /** Lead cache settings. */
  public LeadCacheSettings getLeadCache() {
    return leadCache;
  }

  /** Health settings. */
  public Health getHealth() {
    return health;
  }

  /** Console settings. */
  public Console getConsole() {
    return console;
  }

  /** Flyway settings. */
  public Flyway getFlyway() {
    return flyway;
  }

  /** {@code leadkit.flyway.*}. */
  public static class Flyway {
    /**
     * Unset (the default): the application's Flyway runs leadkit's migrations in its own schema
     * history, so the application's migration versions must never equal leadkit's. Set to a
     * table name (e.g. lk_flyway_history): leadkit's migrations run just before the application's,
     * with their own history in that table, and the two version lines are independent.
     */
    private @Nullable String historyTable;

    /** Creates the defaults. */
    public Flyway() {}

    /** leadkit's own history table, if its migrations keep a history apart. */
    public @Nullable String getHistoryTable() {
      return historyTable;
    }

    /** Sets leadkit's own history table. */
    public void setHistoryTable(@Nullable String historyTable) {
      this.historyTable = historyTable;
    }
  }

  /** {@code leadkit.schema.*}. */
  public static class Schema {
    /**
     * Whether to create and upgrade leadkit's tables at start-up with leadkit's own schema
     * installer (for applications without Flyway). With Flyway, leave it off: the application's
     * Flyway runs leadkit's migrations.
     */
    private boolean install;

    /** Creates the defaults. */
    public Schema() {}

    /** Whether the schema installer runs at start-up. */
    public boolean isInstall() {
      return install;
    }

    /** Sets whether the schema installer runs at start-up. */
    public void setInstall(boolean install) {
      this.install = install;
    }
  }

  /** {@code leadkit.mail.*}. */
  public static class Mail {
    /**
     * Whether to run without a Mailer bean, recording messages in memory instead of sending them
     * (for development and tests). When false, start-up fails unless the application defines a
     * Mailer.
     */
    private boolean recordingOnly;

    /** Creates the defaults. */
    public Mail() {}

    /** Whether messages are only recorded. */
    public boolean isRecordingOnly() {
      return recordingOnly;
    }

    /** Sets whether messages are only recorded. */
    public void setRecordingOnly(boolean recordingOnly) {
      this.recordingOnly = recordingOnly;
    }
  }

  /** {@code leadkit.scheduling.*}. */
  public static class Scheduling {
    /**
     * Whether to call runDue() (due journey steps, decay, segment window exits, then the outbox)
     * at a fixed interval on a thread of leadkit's own. Safe on every node at once.
     */
    private boolean enabled = true;

    /** Pause between the end of one runDue() and the start of the next. */
    private Duration runDueInterval = Duration.ofMinutes(1);

    /** Pause between start-up and the first runDue(). */
    private Duration initialDelay = Duration.ofSeconds(10);

    /** Creates the defaults. */
    public Scheduling() {}

    /** Whether the scheduler runs. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets whether the scheduler runs. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The pause between runs. */
    public Duration getRunDueInterval() {
      return runDueInterval;
    }

    /** Sets the pause between runs. */
    public void setRunDueInterval(Duration runDueInterval) {
      this.runDueInterval = runDueInterval;
    }

    /** The pause before the first run. */
    public Duration getInitialDelay() {
      return initialDelay;
    }

    /** Sets the pause before the first run. */
    public void setInitialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
    }
  }

  /** {@code leadkit.lead-cache.*}. */
  public static class LeadCacheSettings {
    /** How many leads each node caches by id and e-mail; 0 turns the cache off. */
    private long maximumSize = 10_000;

    /**
     * How long a cached lead is trusted. The cache sees only its own node's writes: with several
     * nodes keep it short (a few seconds). Unset: trusted until evicted (one node only).
     */
    private @Nullable Duration ttl = Duration.ofSeconds(60);

    /** Creates the defaults. */
    public LeadCacheSettings() {}

    /** The maximum number of cached leads. */
    public long getMaximumSize() {
      return maximumSize;
    }

    /** Sets the maximum number of cached leads. */
    public void setMaximumSize(long maximumSize) {
      this.maximumSize = maximumSize;
    }

    /** How long a cached lead is trusted, if limited. */
    public @Nullable Duration getTtl() {
      return ttl;
    }

    /** Sets how long a cached lead is trusted. */
    public void setTtl(@Nullable Duration ttl) {
      this.ttl = ttl;
    }
  }

  /** {@code leadkit.health.*}. */
  public static class Health {
    /**
     * How long a journey enrolment may stay due without being processed before the health
     * indicator and the endpoint count it as stuck.
     */
    private Duration stuckAfter = Duration.ofHours(1);

    /** Creates the defaults. */
    public Health() {}

    /** The age from which a due enrolment counts as stuck. */
    public Duration getStuckAfter() {
      return stuckAfter;
    }

    /** Sets the age from which a due enrolment counts as stuck. */
    public void setStuckAfter(Duration stuckAfter) {
      this.stuckAfter = stuckAfter;
    }
  }

  /** {@code leadkit.console.*}: the read-only web console (needs leadkit-console). */
  public static class Console {
    /** Whether to mount the console; off unless set. */
    private boolean enabled;

    /** Where the console is mounted. */
    private String path = "/leadkit";

    /** The viewers' time zone; the JVM's default zone if not set. */
    private @Nullable ZoneId timeZone;

    /** The viewers' locale, e.g. ja-JP; the JVM's default locale if not set. */
    private @Nullable Locale locale;

    /** The currency of amounts, e.g. JPY; the locale's currency if not set. */
    private @Nullable Currency currency;

    /** Creates the defaults. */
    public Console() {}

    /** Whether the console is mounted. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets whether the console is mounted. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** Where the console is mounted. */
    public String getPath() {
      return path;
    }

    /** Sets where the console is mounted. */
    public void setPath(String path) {
      this.path = path;
    }

    /** The viewers' time zone, if set. */
    public @Nullable ZoneId getTimeZone() {
      return timeZone;
    }

    /** Sets the viewers' time zone. */
    public void setTimeZone(@Nullable ZoneId timeZone) {
      this.timeZone = timeZone;
    }

    /** The viewers' locale, if set. */
    public @Nullable Locale getLocale() {
      return locale;
    }

    /** Sets the viewers' locale. */
    public void setLocale(@Nullable Locale locale) {
      this.locale = locale;
    }

    /** The currency of amounts, if set. */
    public @Nullable Currency getCurrency() {
      return currency;
    }

    /** Sets the currency of amounts. */
    public void setCurrency(@Nullable Currency currency) {
      this.currency = currency;
    }
  }
}
