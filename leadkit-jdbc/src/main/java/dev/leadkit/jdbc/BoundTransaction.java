package dev.leadkit.jdbc;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A connection bound to the current thread for one data source, so that every adapter call on
 * that data source joins one transaction: the engine's unit of work
 * ({@link JdbcStores#inTransaction}) or the host's own ({@link JdbcStores#joining}).
 *
 * <p>Adapters run their statements on it without committing. A statement that fails marks it
 * rollback-only, since a database may refuse further statements in the transaction. Work to do
 * when it ends (such as cache invalidation) is registered with {@link #afterCompletion}.
 */
final class BoundTransaction {
  private static final ThreadLocal<@Nullable Map<DataSource, BoundTransaction>> BOUND =
      new ThreadLocal<>();

  final Connection connection;
  /** Whether leadkit began it and so commits or rolls it back; false for the host's. */
  final boolean owned;
  private boolean rollbackOnly;
  private @Nullable Throwable failure;
  private final List<Runnable> afterCompletion = new ArrayList<>();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private boolean committed;
  /** Cache keys whose entries this transaction changed: caches must not serve or keep them. */
  final java.util.Set<Object> changedKeys = new java.util.HashSet<>();

  private BoundTransaction(Connection connection, boolean owned) {
    this.connection = connection;
    this.owned = owned;
  }

  /** The transaction bound to this thread for {@code dataSource}, if any. */
  static @Nullable BoundTransaction current(DataSource dataSource) {
    Map<DataSource, BoundTransaction> m = BOUND.get();
    return m == null ? null : m.get(dataSource);
  }

  /** Binds {@code connection} for {@code dataSource} on this thread. */
  static BoundTransaction bind(DataSource dataSource, Connection connection, boolean owned) {
    Map<DataSource, BoundTransaction> m = BOUND.get();
    if (m == null) {
      m = new HashMap<>(2);
      BOUND.set(m);
    }
    BoundTransaction t = new BoundTransaction(connection, owned);
    if (m.putIfAbsent(dataSource, t) != null) {
      throw new IllegalStateException("a transaction is already bound for " + dataSource);
    }
    return t;
  }

  /** Unbinds the transaction of {@code dataSource} and runs its after-completion work. */
  void unbind(DataSource dataSource) {
    Map<DataSource, BoundTransaction> m = BOUND.get();
    if (m != null) {
      m.remove(dataSource);
      if (m.isEmpty()) {
        BOUND.remove();
      }
    }
    for (Runnable r : afterCompletion) {
      r.run();
    }
    if (committed) {
      for (Runnable r : afterCommit) {
        r.run();
      }
    }
  }

  /** Records that leadkit committed the transaction (only for one it owns). */
  void committed() {
    committed = true;
  }

  /**
   * Runs {@code r} after the transaction was committed by leadkit, after the after-completion
   * work; never for a rolled-back transaction or the host's own (whose outcome leadkit does not
   * see).
   */
  void afterCommit(Runnable r) {
    afterCommit.add(r);
  }

  /** Marks the transaction as unable to commit, because {@code cause} failed inside it. */
  void markRollbackOnly(Throwable cause) {
    if (!rollbackOnly) {
      rollbackOnly = true;
      failure = cause;
    }
  }

  boolean rollbackOnly() {
    return rollbackOnly;
  }

  @Nullable Throwable failure() {
    return failure;
  }

  /** Runs {@code r} when the transaction ends, committed or not. */
  void afterCompletion(Runnable r) {
    afterCompletion.add(r);
  }
}
