package dev.leadkit.jdbc;

import dev.leadkit.core.port.Stores;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The erasure contract on one database: besides the ports, every row of every table under the
 * test's prefix is read and searched for the erased lead's ids, addresses and cookie.
 */
abstract class JdbcEraseContract extends EraseContract {
  protected abstract Dialect dialect();

  @Override
  protected Stores newStores() {
    return TestDatabases.stores(dialect(), getClass().getName()).build();
  }

  @Override
  protected List<String> rowsMentioning(Stores stores, Set<String> needles) {
    JdbcStores jdbc = (JdbcStores) stores;
    String prefix = jdbc.tablePrefix().toLowerCase(Locale.ROOT);
    List<String> found = new ArrayList<>();
    try (Connection c = TestDatabases.dataSource(dialect()).getConnection()) {
      List<String> tables = new ArrayList<>();
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            tables.add(name);
          }
        }
      }
      if (tables.size() < 15) {
        throw new AssertionError("expected every leadkit table under " + prefix + ", found "
            + tables);
      }
      for (String table : tables) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              row.append(rs.getString(i)).append(" | ");
            }
            for (String needle : needles) {
              if (row.indexOf(needle) >= 0) {
                found.add(table + ": " + row);
                break;
              }
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new AssertionError("could not read the tables", e);
    }
    return found;
  }
}
