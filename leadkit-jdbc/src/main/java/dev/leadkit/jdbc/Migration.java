package dev.leadkit.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One versioned migration script shipped in the jar, as Flyway would see it:
 * {@code dev/leadkit/jdbc/migration/<dialect>/V<version>__<description>.sql}.
 */
record Migration(int version, String description) {
  /** Every migration, oldest first. A test checks this list against the resources. */
  static final List<Migration> ALL = List.of(new Migration(1, "core"),
      new Migration(2, "outbox_lead_index"), new Migration(3, "identity"),
      new Migration(4, "segments"), new Migration(5, "scoring"),
      new Migration(6, "measurement"), new Migration(7, "journeys"),
      new Migration(8, "segment_pushdown"), new Migration(9, "enrolments"),
      new Migration(10, "outbox_reason"),
      new Migration(11, "definitions"),
      new Migration(30, "timers"),
      new Migration(40, "touchpoint_numbers"),
      new Migration(41, "offline_counts"));

  /** The placeholder for the table prefix, in Flyway's syntax. */
  static final String PREFIX_PLACEHOLDER = "${leadkit_prefix}";

  String fileName() {
    return "V" + version + "__" + description + ".sql";
  }

  String resource(Dialect dialect) {
    return Dialect.MIGRATION_ROOT + dialect.directory() + "/" + fileName();
  }

  /** The script as shipped, line ends normalised to LF. */
  String text(Dialect dialect) {
    String path = resource(dialect);
    try (InputStream in = Migration.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new JdbcException("migration script " + path + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new JdbcException("cannot read migration script " + path, e);
    }
  }

  /** SHA-256 of the script as shipped (before the prefix is substituted), in hex. */
  String checksum(Dialect dialect) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text(dialect).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The statements of the script with the prefix substituted, comments removed. */
  List<String> statements(Dialect dialect, String prefix) {
    StringBuilder sql = new StringBuilder();
    for (String line : text(dialect).split("\n")) {
      if (!line.strip().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String s : sql.toString().replace(PREFIX_PLACEHOLDER, prefix).split(";")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }
}
