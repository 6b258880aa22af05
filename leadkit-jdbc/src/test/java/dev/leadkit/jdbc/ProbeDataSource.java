package dev.leadkit.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source for tests that counts what leadkit does on the database (connections checked out,
 * commits, rollbacks, the SQL of every statement executed) and can fail the n-th write statement,
 * as a crash between two writes would.
 */
final class ProbeDataSource implements DataSource {
  private final DataSource target;
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger commits = new AtomicInteger();
  final AtomicInteger rollbacks = new AtomicInteger();
  final AtomicInteger writes = new AtomicInteger();
  final List<String> executed = new CopyOnWriteArrayList<>();
  private volatile int failAtWrite = -1;

  ProbeDataSource(DataSource target) {
    this.target = target;
  }

  /** Clears the counters and the failure. */
  void reset() {
    connections.set(0);
    commits.set(0);
    rollbacks.set(0);
    writes.set(0);
    executed.clear();
    failAtWrite = -1;
  }

  /** Makes the {@code n}-th write statement from now (1-based) throw instead of running. */
  void failAtWrite(int n) {
    writes.set(0);
    failAtWrite = n;
  }

  /** How many executed statements write the table {@code table} (INSERT, UPDATE or DELETE). */
  long writesTo(String table) {
    String t = table.toLowerCase(Locale.ROOT);
    return executed.stream().map(s -> s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim())
        .filter(s -> s.startsWith("insert into " + t + " ") || s.startsWith("insert into " + t
            + "(") || s.startsWith("update " + t + " ") || s.startsWith("delete from " + t + " "))
        .count();
  }

  static boolean isWrite(String sql) {
    String s = sql.stripLeading().toLowerCase(Locale.ROOT);
    return s.startsWith("insert") || s.startsWith("update") || s.startsWith("delete")
        || s.startsWith("merge") || s.startsWith("with") && (s.contains(" update ")
        || s.contains(" insert ") || s.contains(" delete "));
  }

  private void executing(String sql) throws SQLException {
    executed.add(sql);
    if (isWrite(sql)) {
      int n = writes.incrementAndGet();
      if (n == failAtWrite) {
        failAtWrite = -1;
        throw new SQLException("injected failure at write " + n + ": " + sql, "08006");
      }
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    connections.incrementAndGet();
    Connection c = target.getConnection();
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, new ConnectionHandler(c));
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLException("not supported by the probe");
  }

  private final class ConnectionHandler implements InvocationHandler {
    private final Connection c;

    ConnectionHandler(Connection c) {
      this.c = c;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      switch (m.getName()) {
        case "commit" -> commits.incrementAndGet();
        case "rollback" -> {
          if (args == null || args.length == 0) {
            rollbacks.incrementAndGet();
          }
        }
        default -> { }
      }
      Object r = call(c, m, args);
      if (r instanceof PreparedStatement ps && m.getName().equals("prepareStatement")) {
        return wrap(ps, PreparedStatement.class, (String) args[0]);
      }
      if (r instanceof Statement s && m.getName().equals("createStatement")) {
        return wrap(s, Statement.class, null);
      }
      return r;
    }
  }

  private Object wrap(Statement s, Class<? extends Statement> type, String preparedSql) {
    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
        (proxy, m, args) -> {
          String name = m.getName();
          if (name.startsWith("execute")) {
            String sql = args != null && args.length > 0 && args[0] instanceof String q ? q
                : preparedSql;
            if (sql != null) {
              executing(sql);
            }
          }
          return call(s, m, args);
        });
  }

  private static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("leadkit-probe");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return target.isWrapperFor(iface);
  }
}
