package dev.leadkit.jdbc;

import java.util.Map;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of the run, the engine and version each dialect of the JDBC suite ran on,
 * and names any that could not be opened (their tests failed).
 */
public final class DatabaseSummaryListener implements TestExecutionListener {
  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    TestDatabases.dropAll();
    Map<Dialect, TestDatabases.Status> status = TestDatabases.status();
    if (status.isEmpty()) {
      return;
    }
    String run = System.getenv().getOrDefault("LEADKIT_TEST_RUN_LABEL", "");
    StringBuilder sb = new StringBuilder("\n======== leadkit-jdbc databases")
        .append(run.isEmpty() ? "" : " [" + run + "]").append(" ========\n");
    for (Dialect d : Dialect.values()) {
      TestDatabases.Status s = status.get(d);
      if (s == null) {
        sb.append(String.format("  %-10s NOT USED by the tests in this run%n", d.displayName()));
      } else if (s.ran()) {
        sb.append(String.format("  %-10s RAN      %d schemas on %s%n", d.displayName(),
            s.schemas().get(), s.where()));
      } else {
        sb.append(String.format("  %-10s FAILED   could not be opened: %s%n", d.displayName(), s.where()));
      }
    }
    sb.append("==================================================");
    System.out.println(sb);
  }
}
