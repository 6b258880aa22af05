package dev.leadkit.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The machine's load while one fork runs (Linux {@code /proc}; NaN elsewhere).
 *
 * <ul>
 *   <li>{@code load1Start} / {@code load1End}: the kernel's 1-minute load average when the fork
 *       starts and ends. It counts the benchmark's own fork too (a single-threaded fork alone
 *       pulls it towards 1), so it is logged but is not the rerun criterion.
 *   <li>{@code othersLoad}: the mean number of runnable threads of <em>other</em> processes,
 *       sampled once a second while the fork runs: every thread in state R, less those of this
 *       JVM and its descendants (the JMH fork) and those of the database servers the workloads
 *       talk to ({@code postgres}, {@code mariadbd}, {@code mysqld}, which run the benchmark's
 *       own statements). This is the load that competes with the fork for the 2 cores, and a fork
 *       whose {@code othersLoad} exceeds {@value #LIMIT} is rerun. Another process's statements
 *       on the shared database server are not in it; they show in the load average only.
 * </ul>
 */
final class LoadMonitor implements AutoCloseable {
  /** A fork with more runnable threads of other processes than this on average is rerun. */
  static final double LIMIT = 1.0;
  private static final Path PROC = Path.of("/proc");
  private static final Set<String> DATABASES = Set.of("postgres", "mariadbd", "mysqld");

  /** What one fork saw. */
  record Load(double load1Start, double load1End, double othersLoad, int samples) {
    boolean tooHigh() {
      return othersLoad > LIMIT;
    }
  }

  private final double load1Start = loadAverage1();
  private final Thread sampler;
  private volatile boolean stop;
  private double sum;
  private int samples;

  private LoadMonitor() {
    sampler = new Thread(this::sample, "load-monitor");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts sampling. */
  static LoadMonitor start() {
    return new LoadMonitor();
  }

  private void sample() {
    while (!stop) {
      double n = othersRunnable();
      synchronized (this) {
        if (!Double.isNaN(n)) {
          sum += n;
          samples++;
        }
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops sampling; returns what was seen. */
  Load stop() {
    stop = true;
    sampler.interrupt();
    try {
      sampler.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      return new Load(load1Start, loadAverage1(), samples == 0 ? Double.NaN : sum / samples,
          samples);
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The 1-minute load average, NaN where {@code /proc/loadavg} cannot be read. */
  static double loadAverage1() {
    try {
      String s = Files.readString(PROC.resolve("loadavg"), StandardCharsets.US_ASCII);
      return Double.parseDouble(s.substring(0, s.indexOf(' ')));
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Runnable threads of other processes right now (NaN without {@code /proc}). */
  static double othersRunnable() {
    if (!Files.isDirectory(PROC)) {
      return Double.NaN;
    }
    Set<Long> own = new HashSet<>();
    ProcessHandle me = ProcessHandle.current();
    own.add(me.pid());
    me.descendants().forEach(p -> own.add(p.pid()));
    int n = 0;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path p : procs) {
        long pid;
        try {
          pid = Long.parseLong(p.getFileName().toString());
        } catch (NumberFormatException e) {
          continue;
        }
        if (own.contains(pid) || DATABASES.contains(comm(p))) {
          continue;
        }
        n += runnableThreads(p);
      }
    } catch (IOException e) {
      return Double.NaN;
    }
    return n;
  }

  private static String comm(Path proc) {
    try {
      return Files.readString(proc.resolve("comm"), StandardCharsets.UTF_8).strip()
          .toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return "";
    }
  }

  private static int runnableThreads(Path proc) {
    int n = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path t : tasks) {
        if (state(t.resolve("stat")) == 'R') {
          n++;
        }
      }
    } catch (IOException | RuntimeException e) {
      return n; // the process ended meanwhile
    }
    return n;
  }

  /** The state letter of a {@code stat} file: the first field after the command's ')'. */
  static char state(Path stat) {
    try {
      return stateOf(Files.readString(stat, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return '?';
    }
  }

  static char stateOf(String stat) {
    int close = stat.lastIndexOf(')');
    return close < 0 || close + 2 >= stat.length() ? '?' : stat.charAt(close + 2);
  }
}
