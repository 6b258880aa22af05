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
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts the SQL statements sent through it: every
 * {@code execute}, {@code executeQuery}, {@code executeUpdate}, {@code executeLargeUpdate} and
 * {@code executeBatch} / {@code executeLargeBatch} call on a {@link Statement},
 * {@link PreparedStatement} or {@link CallableStatement} is one statement (a batch of rows is
 * one statement per {@code executeBatch}). Commits and rollbacks are counted apart. Wraps the
 * pool, so the pool's own validation queries are not counted.
 */
final class CountingDataSource implements DataSource {
  private final DataSource delegate;
  private final LongAdder statements = new LongAdder();
  private final LongAdder commits = new LongAdder();

  CountingDataSource(DataSource delegate) {
    this.delegate = delegate;
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
        return statement(s);
      }
      if (name.equals("commit") || name.equals("rollback")) {
        commits.increment();
      }
      return out;
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, h);
  }

  private Statement statement(Statement real) {
    Class<?> type = real instanceof CallableStatement ? CallableStatement.class
        : real instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    InvocationHandler h = (proxy, method, args) -> {
      if (method.getName().startsWith("execute")) {
        statements.increment();
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
