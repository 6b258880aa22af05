package dev.leadkit.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Helpers for statements with {@code IN (?, ...)} lists, chunked to a bounded length. */
final class SqlLists {
  /** Largest IN list sent in one statement; longer lists are chunked inside one transaction. */
  static final int CHUNK = 500;

  private SqlLists() {}

  /** {@code (?, ?, ...)} with {@code n} placeholders. */
  static String in(int n) {
    return "(" + "?, ".repeat(n - 1) + "?)";
  }

  /** {@code values} cut into consecutive chunks of at most {@link #CHUNK}. */
  static <T> List<List<T>> chunks(List<T> values) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i += CHUNK) {
      out.add(values.subList(i, Math.min(values.size(), i + CHUNK)));
    }
    return out;
  }

  /** Binds {@code values} from {@code index} on; returns the next free index. */
  static int bind(PreparedStatement ps, int index, List<String> values) throws SQLException {
    int i = index;
    for (String v : values) {
      ps.setString(i++, v);
    }
    return i;
  }
}
