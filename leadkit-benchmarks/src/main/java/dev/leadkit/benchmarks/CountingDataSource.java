package dev.leadkit.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts the SQL statements sent through it: every
 * {@code execute}, {@code executeQuery}, {@code executeUpdate}, {@code executeLargeUpdate} and
 * {@code executeBatch} / {@code executeLargeBatch} call on a {@link Statement},
 * {@link PreparedStatement} or {@link CallableStatement} is one statement (a batch of rows is
 * one statement per {@code executeBatch}). Commits and rollbacks are counted apart, and so are
 * statements run in auto-commit mode (each its own transaction). With {@code byShape}, every
 * statement is also tallied by its shape ({@code INSERT leads}, {@code SELECT touchpoints}, ...),
 * which costs a map update per statement: use it in counting passes, not in timed runs. Wraps the
 * pool, so the pool's own validation queries are not counted.
 */
final class CountingDataSource implements DataSource {
  private final DataSource delegate;
  private final LongAdder statements = new LongAdder();
  private final LongAdder commits = new LongAdder();
  private final LongAdder rollbacks = new LongAdder();
  private final LongAdder autoCommitted = new LongAdder();
  private final @org.jspecify.annotations.Nullable Map<String, LongAdder> shapes;

  CountingDataSource(DataSource delegate) {
    this(delegate, false);
  }

  CountingDataSource(DataSource delegate, boolean byShape) {
    this.delegate = delegate;
    this.shapes = byShape ? new ConcurrentHashMap<>() : null;
  }

  /** Explicit rollbacks so far. */
  long rollbacks() {
    return rollbacks.sum();
  }

  /** Explicit commits so far (rollbacks not included). */
  long explicitCommits() {
    return commits.sum() - rollbacks.sum();
  }

  /** Statements run while the connection was in auto-commit mode (each commits on its own). */
  long autoCommitted() {
    return autoCommitted.sum();
  }

  /** Statements by shape, sorted; empty unless built with {@code byShape}. */
  Map<String, Long> shapes() {
    Map<String, Long> out = new TreeMap<>();
    if (shapes != null) {
      shapes.forEach((k, v) -> out.put(k, v.sum()));
    }
    return out;
  }

  private final Map<String, LongAdder> callers = new ConcurrentHashMap<>();

  /**
   * Statements by caller and shape ({@code "scoring > JdbcScoreStateStore.find : SELECT
   * score_states"}), sorted; empty unless built with {@code byShape}. The caller is the leadkit
   * component (the first frame outside leadkit-jdbc and the benchmarks) and the JDBC class and
   * method that sent the statement.
   */
  Map<String, Long> callers() {
    Map<String, Long> out = new TreeMap<>();
    callers.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private static final StackWalker WALKER = StackWalker.getInstance();

  private static String caller() {
    return WALKER.walk(frames -> {
      String store = "?";
      String component = "?";
      for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
        String c = f.getClassName();
        if (c.startsWith("dev.leadkit.jdbc.") && store.equals("?") && !c.endsWith(".Db")
            && !c.contains("SqlWork") && !c.contains("Db$")) {
          store = c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethodName();
        } else if (c.startsWith("dev.leadkit.") && !c.startsWith("dev.leadkit.jdbc.")
            && !c.startsWith("dev.leadkit.benchmarks.")) {
          component = c.substring("dev.leadkit.".length()) + "." + f.getMethodName();
          break;
        }
      }
      return component + " > " + store;
    });
  }

  /** Sets every counter back to zero. */
  void reset() {
    statements.reset();
    commits.reset();
    rollbacks.reset();
    autoCommitted.reset();
    if (shapes != null) {
      shapes.clear();
    }
    callers.clear();
  }

  private static final Pattern TABLE = Pattern.compile(
      "^\\s*(insert\\s+into|update|delete\\s+from|select\\b.*?\\bfrom|merge\\s+into)"
          + "\\s+([a-z0-9_.\"]+)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** {@code "INSERT leads"}, {@code "SELECT touchpoints"}, ...: the verb and the first table. */
  static String shape(String sql, String prefix) {
    String q = sql;
    if (q.strip().regionMatches(true, 0, "with", 0, 4)) {
      // WITH ins AS (INSERT INTO t ...) ...: the first write names the statement
      Matcher w = Pattern.compile("\\b(insert\\s+into|update|delete\\s+from)\\s",
          Pattern.CASE_INSENSITIVE).matcher(q);
      if (w.find()) {
        q = q.substring(w.start());
      }
    }
    Matcher m = TABLE.matcher(q);
    if (!m.find()) {
      String s = sql.strip();
      return s.substring(0, Math.min(40, s.length()));
    }
    String verb = m.group(1).toUpperCase(Locale.ROOT).split("\\s+")[0];
    String table = m.group(2).replace("\"", "");
    if (!prefix.isEmpty() && table.startsWith(prefix)) {
      table = table.substring(prefix.length());
    }
    return verb + " " + table;
  }

  private volatile String shapePrefix = "";

  /** The table prefix taken off table names in {@link #shapes()}. */
  void shapePrefix(String prefix) {
    this.shapePrefix = prefix;
  }

  /** Statements executed so far. */
  long statements() {
    return statements.sum();
  }

  /** Commits and rollbacks so far. */
  long commits() {
    return commits.sum();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connection(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return connection(delegate.getConnection(username, password));
  }

  private Connection connection(Connection real) {
    InvocationHandler h = (proxy, method, args) -> {
      Object out = invoke(real, method, args);
      String name = method.getName();
      if (out instanceof Statement s && (name.equals("createStatement")
          || name.equals("prepareStatement") || name.equals("prepareCall"))) {
        String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : null;
        return statement(s, real, sql);
      }
      if (name.equals("commit") || name.equals("rollback")) {
        commits.increment();
        if (name.equals("rollback") && (args == null || args.length == 0)) {
          rollbacks.increment();
        }
      }
      return out;
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, h);
  }

  private Statement statement(Statement real, Connection connection,
      @org.jspecify.annotations.Nullable String prepared) {
    Class<?> type = real instanceof CallableStatement ? CallableStatement.class
        : real instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    InvocationHandler h = (proxy, method, args) -> {
      if (method.getName().startsWith("execute")) {
        statements.increment();
        if (shapes != null) {
          if (connection.getAutoCommit()) {
            autoCommitted.increment();
          }
          String sql = prepared != null ? prepared
              : args != null && args.length > 0 && args[0] instanceof String q ? q : "?";
          String shape = shape(sql, shapePrefix);
          shapes.computeIfAbsent(shape, k -> new LongAdder()).increment();
          callers.computeIfAbsent(caller() + " : " + shape, k -> new LongAdder()).increment();
        }
      }
      return invoke(real, method, args);
    };
    return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(),
        new Class<?>[] {type}, h);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
