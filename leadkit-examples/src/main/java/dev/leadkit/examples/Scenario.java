package dev.leadkit.examples;

/** One runnable scenario of the demo. */
interface Scenario {
  /** The name used to run it alone, e.g. {@code exhibition}. */
  String name();

  /** One line saying what it shows. */
  String title();

  /** Runs the scenario against {@code env}, printing to {@code out}. */
  void run(DemoEnv env, Report out) throws Exception;
}
