package dev.leadkit.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.jdbc.JdbcStores;
import dev.leadkit.journey.EnrolResult;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.Journeys;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * P6: due journey steps on PostgreSQL. {@value #STEPS} enrolments wait in a journey that loops
 * between two one-day waits ({@code w1 -> w2 -> w1}); every invocation moves time on by one
 * day, so each of them is due once and one no-op step (a wait that elapsed) is claimed,
 * executed and completed, by 1 or 2 engines ({@code engines}) sharing one schema, each with its
 * own {@link JdbcStores}, {@link LeadKit} and {@link Journeys} and calling
 * {@link Journeys#runDue(Instant)} on its own thread.
 *
 * <p>References, on the same server and the same number of engines / instances:
 *
 * <ul>
 *   <li>{@link #referenceCte}: a hand-written claim of {@value #BATCH} rows by a {@code WITH due
 *       AS (SELECT ... FOR UPDATE SKIP LOCKED) UPDATE ... RETURNING} (lease token and end), the
 *       no-op step in Java, and one {@code UPDATE ... FROM unnest(...)} completing the batch on
 *       the lease token: two statements per batch;
 *   <li>{@link #referenceDbScheduler}: db-scheduler tuned as its documentation recommends for
 *       high throughput: {@code threads} = the machine's cores, the {@code lock-and-fetch}
 *       polling strategy with the documented high-throughput limits ({@code 1.0, 4.0}).
 *       {@value #STEPS} one-time no-op executions are scheduled (outside the measurement) for
 *       the new time; the timed region moves the instances' clock on, asks each instance to
 *       check for due executions at once ({@code triggerCheckForDueExecutions()}, instead of
 *       waiting for its polling interval) and ends when db-scheduler's own listener
 *       ({@code SchedulerListener.onExecutionComplete}, called after the completion handler
 *       deleted the row) has reported every execution. The task itself does nothing but record
 *       its id (as leadkit's step listener does); no latch or count-and-sleep loop of the
 *       benchmark runs inside the timed region.
 * </ul>
 *
 * <p>One operation = one step. Every executed (enrolment, step, round) / (row, round) /
 * execution is recorded, and the run fails on any double or missing execution. The SQL
 * statements each side sends are counted with {@link CountingDataSource} and reported as the
 * secondary results {@code statements} and {@code steps}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DueStepsBench {
  static final int STEPS = 2000;
  static final int BATCH = 100;
  static final JourneyId JOURNEY = JourneyId.of("bench-loop");
  static final Instant T0 = Data.T0;
  static final String PG_URL = env("LEADKIT_BENCH_PG_URL",
      "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  static HikariDataSource pool(int size) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(PG_URL);
    cfg.setMaximumPoolSize(size);
    cfg.setMinimumIdle(size);
    return new HikariDataSource(cfg);
  }

  static String run() {
    return Long.toString(System.nanoTime(), 36) + Integer.toString((int) (Math.random() * 1296),
        36);
  }

  /**
   * {@code VACUUM (ANALYZE)} of every table whose name starts with {@code prefix}: run before
   * each iteration on every side, so that dead row versions of earlier iterations do not pile
   * up on a server with autovacuum off (as on the benchmark machine), standing in for the
   * autovacuum a production server runs. Not timed.
   */
  static void vacuum(HikariDataSource pool, String prefix) throws SQLException {
    forEachTable(pool, prefix, t -> "VACUUM (ANALYZE) " + t);
  }


  /**
   * Adds one round to the counters and fails on a missing, extra or double execution.
   *
   * @return the steps processed
   */
  static int checkRound(Counts counts, int round, int processed, long statements, int executed,
      long doubles) {
    counts.statements += statements;
    counts.steps += processed;
    if (processed != STEPS || executed != STEPS || doubles > 0) {
      throw new IllegalStateException("round " + round + ": processed " + processed
          + ", executed " + executed + " of " + STEPS + ", double executions " + doubles);
    }
    return processed;
  }

  /** Drops every table whose name starts with {@code prefix}. */
  static void dropPrefixed(HikariDataSource pool, String prefix) throws SQLException {
    forEachTable(pool, prefix, t -> "DROP TABLE IF EXISTS " + t + " CASCADE");
  }

  /** Runs {@code sql.apply(table)} for every table whose name starts with {@code prefix}. */
  private static void forEachTable(HikariDataSource pool, String prefix,
      java.util.function.Function<String, String> sql) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE tablename LIKE '"
          + prefix + "%'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        s.execute(sql.apply(t));
      }
    }
  }


  static void drop(HikariDataSource pool, String... tables) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (String t : tables) {
        s.execute("DROP TABLE IF EXISTS " + t);
      }
    }
  }

  /** Statements and steps of one iteration (JMH secondary results). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Counts {
    /** SQL statements sent. */
    public long statements;
    /** Steps executed. */
    public long steps;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      statements = 0;
      steps = 0;
    }
  }

  /** Runs {@code work} once per engine, on its own thread when there are several. */
  static int onEngines(ExecutorService threads, int engines, List<Callable<Integer>> work)
      throws Exception {
    if (engines == 1) {
      return work.get(0).call();
    }
    List<Future<Integer>> fs = new ArrayList<>();
    for (Callable<Integer> w : work) {
      fs.add(threads.submit(w));
    }
    int n = 0;
    for (Future<Integer> f : fs) {
      n += f.get();
    }
    return n;
  }

  // ------------------------------------------------------------------ leadkit

  /** leadkit: journeys on {@link JdbcStores}. */
  @State(Scope.Benchmark)
  public static class Leadkit {
    @Param("1")
    public int engines;

    final String prefix = "p6" + run() + "_";
    HikariDataSource pool;
    CountingDataSource ds;
    final List<Journeys> journeys = new ArrayList<>();
    final List<ManualClock> clocks = new ArrayList<>();
    final Set<String> executed = ConcurrentHashMap.newKeySet();
    final AtomicLong doubles = new AtomicLong();
    ExecutorService threads;
    int round;

    static Journey journey() {
      return Journey.builder(JOURNEY).name("no-op loop")
          .wait("w1", Duration.ofDays(1))
          .wait("w2", Duration.ofDays(1)).goTo("w1")
          .build();
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      HikariDataSource p = pool(engines * 2 + 1);
      setUpWith(p, new CountingDataSource(p));
    }

    /** Sets up on {@code pool}, sending the engines' SQL through {@code counted}. */
    void setUpWith(HikariDataSource pool, CountingDataSource counted) throws Exception {
      this.pool = pool;
      ds = counted;
      threads = Executors.newFixedThreadPool(engines);
      for (int e = 0; e < engines; e++) {
        JdbcStores.Builder b = JdbcStores.builder(ds).tablePrefix(prefix);
        if (e == 0) {
          b.installSchema();
        }
        JdbcStores stores = b.build();
        ManualClock clock = ManualClock.at(T0);
        Journeys j = Journeys.builder().enrolmentStore(stores.enrolmentStore())
            .timerStore(stores.timerStore())
            .sendLog(stores.sendLog()).counters(stores.journeyCounters()).batchSize(BATCH)
            .build();
        LeadKit.builder().clock(clock).leadStore(stores.leadStore())
            .touchpointLog(stores.touchpointLog()).outbox(stores.outbox()).install(j).build();
        j.publish(journey());
        j.onStepExecuted(ev -> {
          if (!executed.add(ev.enrolment().value() + "|" + ev.step().value() + "|" + ev.at())) {
            doubles.incrementAndGet();
          }
        });
        if (e == 0) {
          List<Lead> leads = new ArrayList<>();
          List<LeadId> ids = new ArrayList<>();
          for (int i = 0; i < STEPS; i++) {
            leads.add(Data.lead(i));
            ids.add(Data.leadId(i));
          }
          stores.leadStore().saveAll(leads);
          for (EnrolResult r : j.enrolAll(JOURNEY, ids, "bench")) {
            if (!r.accepted()) {
              throw new IllegalStateException("enrolment refused: " + r);
            }
          }
          int started = j.runDue(T0);
          if (started != STEPS) {
            throw new IllegalStateException("started " + started + " of " + STEPS);
          }
        }
        journeys.add(j);
        clocks.add(clock);
      }
    }

    /** See {@link DueStepsBench#vacuum}. */
    @Setup(Level.Iteration)
    public void vacuum() throws SQLException {
      DueStepsBench.vacuum(pool, prefix);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
      threads.shutdownNow();
      dropPrefixed(pool, prefix);
      pool.close();
      if (doubles.get() > 0) {
        throw new IllegalStateException(doubles.get() + " double executions");
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(STEPS)
  public int leadkit(Leadkit s, Counts counts) throws Exception {
    Instant now = T0.plus(Duration.ofDays(++s.round));
    int before = s.executed.size();
    long statements = s.ds.statements();
    List<Callable<Integer>> work = new ArrayList<>();
    for (int e = 0; e < s.engines; e++) {
      ManualClock clock = s.clocks.get(e);
      Journeys j = s.journeys.get(e);
      work.add(() -> {
        clock.set(now);
        return j.runDue(now);
      });
    }
    int n = onEngines(s.threads, s.engines, work);
    return checkRound(counts, s.round, n, s.ds.statements() - statements,
        s.executed.size() - before, s.doubles.get());
  }

  // ------------------------------------------------------------------ CTE reference

  /** The hand-written SKIP LOCKED reference on its own table. */
  @State(Scope.Benchmark)
  public static class Cte {
    @Param("1")
    public int engines;

    final String table = "p6c" + run() + "_steps";
    HikariDataSource pool;
    CountingDataSource ds;
    final Set<String> executed = ConcurrentHashMap.newKeySet();
    final AtomicLong doubles = new AtomicLong();
    ExecutorService threads;
    int round;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
      pool = pool(engines * 2 + 1);
      ds = new CountingDataSource(pool);
      threads = Executors.newFixedThreadPool(engines);
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE " + table + " (id VARCHAR(64) COLLATE \"C\" PRIMARY KEY,"
            + " step VARCHAR(64) NOT NULL, step_count INTEGER NOT NULL,"
            + " due_at TIMESTAMPTZ NOT NULL, lease_token VARCHAR(64), lease_until TIMESTAMPTZ)");
        s.execute("CREATE INDEX " + table + "_due_ix ON " + table + " (due_at, id)");
        s.execute("INSERT INTO " + table + " (id, step, step_count, due_at) SELECT 'e-' || i,"
            + " 'w1', 0, TIMESTAMPTZ '2026-01-02 00:00:00+00' FROM generate_series(0, "
            + (STEPS - 1) + ") i");
        s.execute("ANALYZE " + table);
      }
    }

    /** See {@link DueStepsBench#vacuum}. */
    @Setup(Level.Iteration)
    public void vacuum() throws SQLException {
      DueStepsBench.vacuum(pool, table);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
      threads.shutdownNow();
      drop(pool, table);
      pool.close();
      if (doubles.get() > 0) {
        throw new IllegalStateException(doubles.get() + " double executions");
      }
    }

    /** One engine: claim a batch, run the no-op steps, complete the batch; until none is due. */
    int drain(Instant now) throws SQLException {
      int n = 0;
      Instant next = now.plus(Duration.ofDays(1));
      while (true) {
        String token = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>(BATCH);
        List<String> steps = new ArrayList<>(BATCH);
        List<Integer> counts = new ArrayList<>(BATCH);
        try (Connection c = ds.getConnection()) {
          try (PreparedStatement ps = c.prepareStatement("WITH due AS (SELECT id FROM " + table
              + " WHERE due_at <= ? ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
              + " UPDATE " + table + " r SET lease_token = ?, lease_until = ?, due_at = ?"
              + " FROM due WHERE r.id = due.id RETURNING r.id, r.step, r.step_count")) {
            Instant until = now.plus(Duration.ofMinutes(5));
            ps.setObject(1, now.atOffset(ZoneOffset.UTC));
            ps.setInt(2, BATCH);
            ps.setString(3, token);
            ps.setObject(4, until.atOffset(ZoneOffset.UTC));
            ps.setObject(5, until.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String id = rs.getString(1);
                // the no-op step: record it, and go to the other wait
                if (!executed.add(id + "|" + now)) {
                  doubles.incrementAndGet();
                }
                ids.add(id);
                steps.add(rs.getString(2).equals("w1") ? "w2" : "w1");
                counts.add(rs.getInt(3) + 1);
              }
            }
          }
          if (ids.isEmpty()) {
            return n;
          }
          try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " r SET"
              + " step = v.step, step_count = v.step_count, due_at = ?, lease_token = NULL,"
              + " lease_until = NULL FROM unnest(?, ?, ?) AS v(id, step, step_count)"
              + " WHERE r.id = v.id AND r.lease_token = ?")) {
            ps.setObject(1, next.atOffset(ZoneOffset.UTC));
            Array a = c.createArrayOf("varchar", ids.toArray());
            Array b = c.createArrayOf("varchar", steps.toArray());
            Array d = c.createArrayOf("int4", counts.toArray());
            ps.setArray(2, a);
            ps.setArray(3, b);
            ps.setArray(4, d);
            ps.setString(5, token);
            int done = ps.executeUpdate();
            if (done != ids.size()) {
              throw new IllegalStateException("completed " + done + " of " + ids.size());
            }
          }
        }
        n += ids.size();
        if (ids.size() < BATCH) {
          return n;
        }
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(STEPS)
  public int referenceCte(Cte s, Counts counts) throws Exception {
    Instant now = T0.plus(Duration.ofDays(++s.round));
    int before = s.executed.size();
    long statements = s.ds.statements();
    List<Callable<Integer>> work = new ArrayList<>();
    for (int e = 0; e < s.engines; e++) {
      work.add(() -> s.drain(now));
    }
    int n = onEngines(s.threads, s.engines, work);
    return checkRound(counts, s.round, n, s.ds.statements() - statements,
        s.executed.size() - before, s.doubles.get());
  }

  // ------------------------------------------------------------------ db-scheduler reference

  /** db-scheduler instances in lock-and-fetch mode on their own table, with a settable clock. */
  @State(Scope.Benchmark)
  public static class DbScheduler {
    @Param("1")
    public int engines;

    final String table = "p6s" + run() + "_scheduled_tasks";
    HikariDataSource pool;
    CountingDataSource ds;
    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    final Set<String> executed = ConcurrentHashMap.newKeySet();
    final AtomicLong doubles = new AtomicLong();
    final List<Scheduler> schedulers = new ArrayList<>();
    OneTimeTask<Void> task;
    SchedulerClient client;
    final java.util.concurrent.atomic.AtomicInteger completed =
        new java.util.concurrent.atomic.AtomicInteger();
    volatile java.util.concurrent.CompletableFuture<Integer> done;
    int round;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
      pool = pool(engines * 12 + 2);
      ds = new CountingDataSource(pool);
      // db-scheduler's documented PostgreSQL table, under a unique name
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE " + table + " (task_name TEXT NOT NULL,"
            + " task_instance TEXT NOT NULL, task_data BYTEA,"
            + " execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL,"
            + " picked_by TEXT, last_success TIMESTAMP WITH TIME ZONE,"
            + " last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT,"
            + " last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL,"
            + " priority SMALLINT, PRIMARY KEY (task_name, task_instance))");
        s.execute("CREATE INDEX " + table + "_execution_time_idx ON " + table
            + " (execution_time)");
        s.execute("CREATE INDEX " + table + "_last_heartbeat_idx ON " + table
            + " (last_heartbeat)");
        s.execute("CREATE INDEX " + table + "_priority_execution_time_idx ON " + table
            + " (priority DESC, execution_time ASC)");
      }
      task = Tasks.oneTime("bench-noop").execute((instance, ctx) -> {
        if (!executed.add(instance.getId())) {
          doubles.incrementAndGet();
        }
      });
      com.github.kagkarlsson.scheduler.event.SchedulerListener listener =
          new com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener() {
            @Override
            public void onExecutionComplete(
                com.github.kagkarlsson.scheduler.task.ExecutionComplete complete) {
              if (completed.incrementAndGet() == STEPS) {
                done.complete(STEPS);
              }
            }
          };
      client = SchedulerClient.Builder.create(pool, task).tableName(table).build();
      for (int e = 0; e < engines; e++) {
        Scheduler s = Scheduler.create(ds, task).tableName(table)
            .threads(Runtime.getRuntime().availableProcessors())
            .pollUsingLockAndFetch(1.0, 4.0).addSchedulerListener(listener)
            .clock(now::get).schedulerName(new SchedulerName.Fixed("bench-" + e))
            .shutdownMaxWait(Duration.ofSeconds(5)).build();
        s.start();
        schedulers.add(s);
      }
    }

    /** See {@link DueStepsBench#vacuum}. */
    @Setup(Level.Iteration)
    public void vacuum() throws SQLException {
      DueStepsBench.vacuum(pool, table);
    }

    /** Schedules the next round's executions, not yet due on the schedulers' clock. */
    @Setup(Level.Invocation)
    public void schedule() throws SQLException {
      // the previous round's rows must be gone (checked here, outside the timed region)
      long left = remaining();
      if (left > 0) {
        throw new IllegalStateException(left + " executions left after round " + round);
      }
      round++;
      Instant at = T0.plus(Duration.ofDays(round));
      List<TaskInstance<?>> batch = new ArrayList<>(STEPS);
      for (int i = 0; i < STEPS; i++) {
        batch.add(task.instance("r" + round + "-" + i));
      }
      completed.set(0);
      done = new java.util.concurrent.CompletableFuture<>();
      client.scheduleBatch(batch, at);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
      for (Scheduler s : schedulers) {
        s.stop();
      }
      drop(pool, table);
      pool.close();
      if (doubles.get() > 0) {
        throw new IllegalStateException(doubles.get() + " double executions");
      }
    }

    long remaining() throws SQLException {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(STEPS)
  public int referenceDbScheduler(DbScheduler s, Counts counts) throws Exception {
    int before = s.executed.size();
    long statements = s.ds.statements();
    s.now.set(T0.plus(Duration.ofDays(s.round)));
    for (Scheduler x : s.schedulers) {
      x.triggerCheckForDueExecutions();
    }
    try {
      s.done.get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("db-scheduler completed " + s.completed.get() + " of "
          + STEPS + " executions in 120 s", e);
    }
    counts.statements += s.ds.statements() - statements;
    counts.steps += STEPS;
    int executed = s.executed.size() - before;
    if (executed != STEPS || s.doubles.get() > 0) {
      throw new IllegalStateException("round " + s.round + ": executed " + executed + " of "
          + STEPS + ", double executions " + s.doubles.get());
    }
    return executed;
  }
}
