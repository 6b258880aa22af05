package dev.leadkit.benchmarks;

import java.util.Map;

/**
 * One benchmark workload: a leadkit benchmark method and its limit reference in the same JMH
 * class, run with the same parameters, compared as a throughput ratio (leadkit / reference).
 * A target written as "at most k times the reference's time" is the ratio {@code >= 1/k}.
 *
 * @param id short id, e.g. {@code P1}
 * @param title what is measured
 * @param benchmarkClass the JMH class holding both methods
 * @param leadkitMethod the method exercising leadkit
 * @param referenceMethod the method exercising the hand-written reference
 * @param reference what the reference is, in words
 * @param target the minimum acceptable throughput ratio
 * @param quickParams JMH parameters in quick mode
 * @param fullParams JMH parameters in full mode
 * @param forks 0: one fork per side, leadkit's then the reference's (the suite's usual run);
 *     otherwise this many forks per side in full mode (3 in quick mode), the sides interleaved
 *     fork by fork (L R, R L, L R, ...), the ratio's interval taken over the per-pair ratios
 * @param referenceOverrides parameters that differ on the reference's side (P10: the "reference"
 *     is leadkit itself with fewer definitions); empty for the usual workload
 */
record Workload(String id, String title, Class<?> benchmarkClass, String leadkitMethod,
    String referenceMethod, String reference, double target, Map<String, String> quickParams,
    Map<String, String> fullParams, int forks, Map<String, String> referenceOverrides) {

  Workload(String id, String title, Class<?> benchmarkClass, String leadkitMethod,
      String referenceMethod, String reference, double target, Map<String, String> quickParams,
      Map<String, String> fullParams, int forks) {
    this(id, title, benchmarkClass, leadkitMethod, referenceMethod, reference, target,
        quickParams, fullParams, forks, Map.of());
  }

  /** The JMH parameters of one side's forks. */
  Map<String, String> params(Stats.Side side, boolean full) {
    Map<String, String> p = new java.util.TreeMap<>(full ? fullParams : quickParams);
    if (side == Stats.Side.REFERENCE) {
      p.putAll(referenceOverrides);
    }
    return p;
  }

  /** The same workload with other parameters on both sides (growth curves). */
  Workload withParams(Map<String, String> params) {
    return new Workload(id, title, benchmarkClass, leadkitMethod, referenceMethod, reference,
        target, params, params, forks, referenceOverrides);
  }

  Workload(String id, String title, Class<?> benchmarkClass, String leadkitMethod,
      String referenceMethod, String reference, double target, Map<String, String> quickParams,
      Map<String, String> fullParams) {
    this(id, title, benchmarkClass, leadkitMethod, referenceMethod, reference, target,
        quickParams, fullParams, 0, Map.of());
  }
}
