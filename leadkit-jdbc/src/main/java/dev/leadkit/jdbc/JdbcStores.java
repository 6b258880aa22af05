package dev.leadkit.jdbc;

import dev.leadkit.core.TransactionConflictException;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.PredicateQuery;
import dev.leadkit.core.port.Stores;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.measure.MeasurementSource;
import dev.leadkit.core.measure.OfflineCountStore;
import dev.leadkit.core.port.IdentityLinks;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.MergeLog;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.port.StaticListStore;
import dev.leadkit.core.port.SuppressionList;
import dev.leadkit.core.port.TimerStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.port.SendLog;
import dev.leadkit.scoring.ScoreStateStore;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * leadkit's storage ports on one database, through the host's {@link DataSource}. leadkit never
 * creates a pool: hand it a pooled data source (HikariCP or the container's).
 *
 * <pre>{@code
 * JdbcStores stores = JdbcStores.builder(dataSource)
 *     .dialect(Dialect.POSTGRESQL)          // or leave out to detect it
 *     .tablePrefix("lk_")
 *     .leadCache(LeadCache.of(10_000, Duration.ofSeconds(5)))
 *     .build();                             // or JdbcStores.on(dataSource) for the defaults
 * LeadKit kit = LeadKit.builder().stores(stores).mailer(mailer)
 *     .install(scoring).install(journeys).build();   // every plugin takes its ports from here
 * }</pre>
 *
 * <h2>Transactions</h2>
 *
 * <p>{@link #inTransaction} is the engine's unit of work: one database transaction that every
 * adapter call on this data source joins, on the calling thread. The engine runs each input in
 * one, so an input's writes commit once. To make leadkit's writes part of the host's own
 * transaction, either run the host's writes inside {@code kit.inTransaction(...)} on the
 * connection of {@link #currentConnection()}, or hand the host's connection to
 * {@link #joining(Connection, Supplier)}: leadkit then writes on it and never commits it.
 *
 * <p>The tables must exist: run the Flyway scripts from {@link Dialect#migrationLocation()} with
 * the placeholder {@code leadkit_prefix}, or {@link SchemaInstaller}, or set
 * {@link Builder#installSchema()} to run the installer on {@link Builder#build()}.
 *
 * <p>Every adapter is thread-safe and stateless apart from the lead cache, so one instance
 * serves the whole application; several nodes may share one database. Each call borrows a
 * connection from the data source and has committed or rolled back its work before it returns
 * (a write transaction that loses a race with a concurrent one, such as a deadlock, is rolled
 * back and run again a few times); calls to two adapters are never one transaction. The lead cache sees only the writes made
 * through this instance: with several nodes, give it a short time to live or disable it.
 */
public final class JdbcStores implements Stores {
  /**
   * Batches at least this large are ingested with COPY on PostgreSQL by default: none, since the
   * default array ingest (one statement per 20,000 touchpoints, property rows included) was as
   * fast or faster in the P5 benchmark.
   */
  public static final int DEFAULT_COPY_THRESHOLD = Integer.MAX_VALUE;

  private final Dialect dialect;
  private final String tablePrefix;
  private final LeadStore leadStore;
  private final TouchpointLog touchpointLog;
  private final Outbox outbox;
  private final IdentityLinks identityLinks;
  private final MergeLog mergeLog;
  private final SuppressionList suppressionList;
  private final SegmentMembershipStore segmentMembership;
  private final StaticListStore staticLists;
  private final ScoreStateStore scoreStates;
  private final MeasurementSource measurementSource;
  private final SendLog sendLog;
  private final JourneyCounters journeyCounters;
  private final EnrolmentStore enrolmentStore;
  private final TimerStore timerStore;
  private final SegmentQuery segmentQuery;
  private final DefinitionStore definitionStore;
  private final OfflineCountStore offlineCounts;
  private final Db db;
  private final Map<Class<?>, Object> ports;

  private JdbcStores(Dialect dialect, Tables tables, Db db, LeadStore leadStore,
      TouchpointLog touchpointLog, Outbox outbox) {
    this.dialect = dialect;
    this.tablePrefix = tables.prefix();
    this.leadStore = leadStore;
    this.touchpointLog = touchpointLog;
    this.outbox = outbox;
    this.identityLinks = new JdbcIdentityLinks(db, tables);
    this.mergeLog = new JdbcMergeLog(db, tables);
    this.suppressionList = new JdbcSuppressionList(db, tables);
    this.segmentMembership = new JdbcSegmentMembershipStore(db, tables);
    this.staticLists = new JdbcStaticListStore(db, tables);
    this.scoreStates = new JdbcScoreStateStore(db, tables);
    this.measurementSource = new JdbcMeasurementSource(db, tables, new LeadkitJsonCodec());
    this.sendLog = new JdbcSendLog(db, tables);
    this.journeyCounters = new JdbcJourneyCounters(db, tables);
    this.enrolmentStore = new JdbcEnrolmentStore(db, tables, new LeadkitJsonCodec());
    this.timerStore = new JdbcTimerStore(db, tables);
    this.segmentQuery = new JdbcSegmentQuery(db, tables, leadStore, touchpointLog, staticLists,
        segmentMembership);
    this.definitionStore = new JdbcDefinitionStore(db, tables);
    this.offlineCounts = new JdbcOfflineCountStore(db, tables);
    this.db = db;
    Map<Class<?>, Object> m = new HashMap<>();
    m.put(LeadStore.class, leadStore);
    m.put(TouchpointLog.class, touchpointLog);
    m.put(Outbox.class, outbox);
    m.put(IdentityLinks.class, identityLinks);
    m.put(MergeLog.class, mergeLog);
    m.put(SuppressionList.class, suppressionList);
    m.put(SegmentMembershipStore.class, segmentMembership);
    m.put(StaticListStore.class, staticLists);
    m.put(ScoreStateStore.class, scoreStates);
    m.put(MeasurementSource.class, measurementSource);
    m.put(SendLog.class, sendLog);
    m.put(JourneyCounters.class, journeyCounters);
    m.put(EnrolmentStore.class, enrolmentStore);
    m.put(TimerStore.class, timerStore);
    m.put(PredicateQuery.class, segmentQuery);
    m.put(SegmentQuery.class, segmentQuery);
    m.put(DefinitionStore.class, definitionStore);
    m.put(OfflineCountStore.class, offlineCounts);
    this.ports = Map.copyOf(m);
  }

  /**
   * The stores on {@code dataSource} with every default: dialect detected, prefix {@code lk_},
   * the default lead cache; the tables must exist (see the class comment).
   */
  public static JdbcStores on(DataSource dataSource) {
    return builder(dataSource).build();
  }

  @Override
  public <P> Optional<P> port(Class<P> type) {
    return Optional.ofNullable(type.cast(ports.get(type)));
  }

  /** Always true: the data lives in the database. */
  @Override
  public boolean durable() {
    return true;
  }

  /**
   * Runs {@code work} in one database transaction that every adapter call on this data source
   * joins, on this thread; inside another one (leadkit's or the host's, see {@link #joining}),
   * joins that. Commits when {@code work} returns, rolls back if it throws or if a statement
   * inside failed. A transaction that the database aborted because it lost a race is reported
   * as {@link TransactionConflictException}: nothing was written, and it may be run again. On
   * MariaDB the transaction runs at READ COMMITTED, as every adapter expects.
   */
  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return db.unitOfWork(work);
  }

  /**
   * Runs {@code work} with the host's {@code connection} (an open transaction, auto-commit off,
   * on the same database as this data source) bound to this thread: every leadkit write during
   * {@code work}, the engine's units of work included, goes to that transaction, and leadkit
   * never commits or rolls it back: the host does, so that its writes and leadkit's commit or
   * roll back together. Events of the engine reach listeners when {@code work} returns, before
   * the host commits. If a leadkit statement fails inside, the exception propagates and the
   * host must roll back.
   */
  public <T> T joining(Connection connection, Supplier<T> work) {
    if (connection == null || work == null) {
      throw new InvalidValueException("connection and work must not be null");
    }
    return db.joining(connection, work);
  }

  /**
   * The connection of the transaction bound to this thread (inside {@link #inTransaction} or
   * {@code kit.inTransaction(...)}), for the host's own statements in the same transaction. Do
   * not commit, roll back or close it.
   *
   * @throws InvalidValueException if no transaction is bound to this thread
   */
  public Connection currentConnection() {
    BoundTransaction t = db.bound();
    if (t == null) {
      throw new InvalidValueException("no leadkit transaction is bound to this thread: call this"
          + " inside JdbcStores.inTransaction or LeadKit.inTransaction");
    }
    return t.connection;
  }

  /** Starts a builder over {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    if (dataSource == null) {
      throw new InvalidValueException("dataSource must not be null");
    }
    return new Builder(dataSource);
  }

  /** The lead store, cached as configured. */
  public LeadStore leadStore() {
    return leadStore;
  }

  /** The touchpoint log. */
  public TouchpointLog touchpointLog() {
    return touchpointLog;
  }

  /** The outbox. */
  public Outbox outbox() {
    return outbox;
  }

  /** Visitor links and aliases of merged leads (identity). */
  public IdentityLinks identityLinks() {
    return identityLinks;
  }

  /** The merge log with its before-images (identity). */
  public MergeLog mergeLog() {
    return mergeLog;
  }

  /** Hashes of erased addresses and anonymised counts (erasure). */
  public SuppressionList suppressionList() {
    return suppressionList;
  }

  /** Stored segment membership and the re-check schedule (segments). */
  public SegmentMembershipStore segmentMembershipStore() {
    return segmentMembership;
  }

  /** Static lists of leads (segments' {@code in list}). */
  public StaticListStore staticListStore() {
    return staticLists;
  }

  /** Scoring state per lead and model (leadkit-scoring). */
  public ScoreStateStore scoreStateStore() {
    return scoreStates;
  }

  /**
   * Measurement's aggregate queries pushed down to SQL over the lead and touchpoint tables (see
   * {@link dev.leadkit.core.measure.Measurement} for the reports built on it).
   */
  public MeasurementSource measurementSource() {
    return measurementSource;
  }

  /** The journeys' send log, which enforces frequency caps across nodes (leadkit-journey). */
  public SendLog sendLog() {
    return sendLog;
  }

  /** Journey counters (leadkit-journey). */
  public JourneyCounters journeyCounters() {
    return journeyCounters;
  }

  /**
   * Journey enrolments (leadkit-journey), for several engines on one database: due work is
   * claimed in batches with {@code FOR UPDATE SKIP LOCKED} under a lease, and an engine's writes
   * count only while it still holds the lease.
   */
  public EnrolmentStore enrolmentStore() {
    return enrolmentStore;
  }

  /**
   * Due work (journey waits, scheduled starts) as narrow timer rows, claimed in batches with
   * {@code FOR UPDATE SKIP LOCKED} under a lease.
   */
  public TimerStore timerStore() {
    return timerStore;
  }

  /**
   * Set-based evaluation of predicates (segment definitions) in SQL over every stored lead.
   *
   * @return the segment query of these stores
   */
  public SegmentQuery segmentQuery() {
    return segmentQuery;
  }

  /** The host's offline figures (booth visitors and the like) for KPI targets. */
  public OfflineCountStore offlineCounts() {
    return offlineCounts;
  }

  /**
   * Definitions (segments, scoring models, journey versions) as versioned JSON, shared by every
   * engine on this database and prefix.
   */
  public DefinitionStore definitionStore() {
    return definitionStore;
  }

  @Override
  public String toString() {
    return "JDBC stores (" + dialect.displayName() + ", prefix \"" + tablePrefix + "\")";
  }

  /** The dialect in use. */
  public Dialect dialect() {
    return dialect;
  }

  /** The table-name prefix in use. */
  public String tablePrefix() {
    return tablePrefix;
  }

  /** Builds {@link JdbcStores}. Each option may be set once; the result is immutable. */
  public static final class Builder {
    private final DataSource dataSource;
    private @Nullable Dialect dialect;
    private @Nullable String prefix;
    private @Nullable LeadCache leadCache;
    private @Nullable Integer copyThreshold;
    private boolean installSchema;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /** The SQL dialect; detected from the database's metadata when not set. */
    public Builder dialect(Dialect value) {
      SchemaInstaller.requireUnset(dialect, "dialect");
      this.dialect = SchemaInstaller.notNull(value, "dialect");
      return this;
    }

    /**
     * The table-name prefix (default {@code lk_}), so leadkit's tables can live beside the
     * host's: empty or {@code [a-z][a-z0-9_]{0,29}}. To use a separate schema, point the data
     * source at it (for example PostgreSQL's {@code currentSchema}).
     */
    public Builder tablePrefix(String value) {
      SchemaInstaller.requireUnset(prefix, "tablePrefix");
      this.prefix = Tables.checkPrefix(value);
      return this;
    }

    /** The lead cache (default {@link LeadCache#defaults()}); {@link LeadCache#disabled()}. */
    public Builder leadCache(LeadCache value) {
      SchemaInstaller.requireUnset(leadCache, "leadCache");
      this.leadCache = SchemaInstaller.notNull(value, "leadCache");
      return this;
    }

    /**
     * On PostgreSQL, touchpoint batches of at least {@code value} go through COPY (by default
     * none: {@link #DEFAULT_COPY_THRESHOLD}); {@link Integer#MAX_VALUE} turns COPY off. Ignored on
     * other databases and when the PostgreSQL driver cannot be unwrapped.
     */
    public Builder copyThreshold(int value) {
      SchemaInstaller.requireUnset(copyThreshold, "copyThreshold");
      if (value < 1) {
        throw new InvalidValueException("copy threshold must be at least 1: " + value);
      }
      this.copyThreshold = value;
      return this;
    }

    /** Runs {@link SchemaInstaller} during {@link #build()}, for hosts without Flyway. */
    public Builder installSchema() {
      if (installSchema) {
        throw new InvalidValueException("installSchema was already set");
      }
      this.installSchema = true;
      return this;
    }

    /** The stores. */
    public JdbcStores build() {
      Dialect d = dialect != null ? dialect : Dialect.detect(dataSource);
      Tables tables = new Tables(prefix != null ? prefix : Tables.DEFAULT_PREFIX);
      if (installSchema) {
        SchemaInstaller.builder(dataSource).dialect(d).tablePrefix(tables.prefix()).build()
            .install();
      }
      Db db = new Db(dataSource, d);
      DocumentCodec codec = new LeadkitJsonCodec();
      LeadCache cache = leadCache != null ? leadCache : LeadCache.defaults();
      LeadStore leads = new JdbcLeadStore(db, tables, codec);
      if (cache.enabled()) {
        leads = new CachingLeadStore(leads, db, cache);
      }
      return new JdbcStores(d, tables, db, leads,
          new JdbcTouchpointLog(db, tables, codec,
              copyThreshold != null ? copyThreshold : DEFAULT_COPY_THRESHOLD),
          new JdbcOutbox(db, tables, codec));
    }
  }
}
