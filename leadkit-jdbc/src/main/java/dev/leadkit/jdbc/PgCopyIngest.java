package dev.leadkit.jdbc;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.VisitorId;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk ingest of touchpoints on PostgreSQL: {@code COPY} into a transaction-scoped temporary
 * table, then one {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING id}. Used for
 * large batches when the PostgreSQL driver is on the class path and the connection unwraps to
 * it; otherwise the adapter uses multi-row inserts. Same guarantees either way:
 * idempotent and atomic (the caller's transaction).
 */
final class PgCopyIngest {
  private static final int FLUSH_BYTES = 1 << 16;

  private final Tables tables;
  private final DocumentCodec codec;

  PgCopyIngest(Tables tables, DocumentCodec codec) {
    this.tables = tables;
    this.codec = codec;
  }

  /** True if the PostgreSQL driver is on the class path. */
  static boolean available() {
    return Holder.AVAILABLE;
  }

  private static final class Holder {
    static final boolean AVAILABLE = probe();

    private static boolean probe() {
      try {
        Class.forName("org.postgresql.PGConnection", false, PgCopyIngest.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
  }

  /** True if {@code c} gives access to the COPY API; call only if {@link #available()}. */
  static boolean supports(Connection c) throws SQLException {
    return c.isWrapperFor(PGConnection.class);
  }

  /** Copies {@code rows} (distinct ids) in and returns the ids that were new. */
  Set<String> ingest(Connection c, List<Touchpoint> rows) throws SQLException {
    String stage = "leadkit_touchpoints_stage";
    String cols = String.join(", ", JdbcTouchpointLog.COLUMNS);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TEMPORARY TABLE " + stage + " (LIKE " + tables.touchpoints()
          + " INCLUDING DEFAULTS) ON COMMIT DROP");
    }
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI()
        .copyIn("COPY " + stage + " (" + cols + ") FROM STDIN WITH (FORMAT csv)");
    try {
      StringBuilder buf = new StringBuilder(FLUSH_BYTES + 4096);
      for (Touchpoint t : rows) {
        field(buf, Optional.of(t.id().value())).append(',');
        field(buf, t.lead().map(LeadId::value)).append(',');
        field(buf, t.visitor().map(VisitorId::value)).append(',');
        field(buf, Optional.of(t.type().name())).append(',');
        field(buf, Optional.of(t.at().toString())).append(',');
        field(buf, Optional.of(t.channel().name())).append(',');
        field(buf, Optional.of(codec.writeProperties(t.properties()))).append('\n');
        if (buf.length() >= FLUSH_BYTES) {
          byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
          in.writeToCopy(bytes, 0, bytes.length);
          buf.setLength(0);
        }
      }
      byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
      in.writeToCopy(bytes, 0, bytes.length);
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
    Set<String> inserted = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.touchpoints() + " ("
        + cols + ") SELECT " + cols + " FROM " + stage
        + " ORDER BY id ON CONFLICT (id) DO NOTHING RETURNING id"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        inserted.add(rs.getString(1));
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE " + stage);
    }
    return inserted;
  }

  /** A CSV field: NULL is an unquoted empty field, text is always quoted. */
  private static StringBuilder field(StringBuilder buf, Optional<String> value) {
    if (value.isEmpty()) {
      return buf;
    }
    buf.append('"');
    String v = value.get();
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (ch == '"') {
        buf.append('"');
      }
      buf.append(ch);
    }
    return buf.append('"');
  }
}
