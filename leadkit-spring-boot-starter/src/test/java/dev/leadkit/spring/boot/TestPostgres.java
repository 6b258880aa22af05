package dev.leadkit.spring.boot;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The PostgreSQL the starter's tests run on, as in leadkit-jdbc's suite: {@code
 * LEADKIT_TEST_PG_URL} if set, else the local server at 127.0.0.1:5432 if it answers, else an
 * embedded PostgreSQL 15 (zonky) started once per JVM. Nothing is skipped.
 */
final class TestPostgres {
  static final String DEFAULT = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  private static String url;

  private TestPostgres() {}

  static synchronized String url() {
    if (url == null) {
      String env = System.getenv("LEADKIT_TEST_PG_URL");
      if (env != null && !env.isBlank()) {
        url = env;
      } else if (answers(5432)) {
        url = DEFAULT;
      } else {
        try {
          EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
              pg.close();
            } catch (IOException e) {
              // the JVM is exiting; zonky removes its temporary cluster anyway
            }
          }));
          url = pg.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
          throw new IllegalStateException("no PostgreSQL at 127.0.0.1:5432 and the embedded one"
              + " did not start", e);
        }
      }
      System.out.println("leadkit-spring-boot-starter tests run on PostgreSQL at "
          + url.replaceAll("(?i)(password=)[^&;]*", "$1***"));
    }
    return url;
  }

  private static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
