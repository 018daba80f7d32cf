package io.cachelet.bench.method;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The paired, interleaved harness the ratios come from: all paths in one JVM, in rounds; in each
 * round every path runs a batch of operations, in a freshly shuffled order, each operation timed.
 * Ratios are taken per round (paths compared within the same fraction of a second), so that the
 * host's drift over minutes does not land on them, which it does when each path runs in its own JMH
 * fork minutes apart. Each is reported as its median, its interquartile range (how much single
 * rounds scatter) and a distribution-free 95 % confidence interval of the median (how well the
 * median is known); comparisons with Spring add the share of rounds ours was faster and the sign
 * test, and call "faster" shown only when the whole interval lies below 1 ({@link
 * RatioStatistics}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar -Dbench.redis.port=P
 * io.cachelet.bench.method.PairedHarness [warm-up rounds] [rounds] [ops per batch]}.
 */
public final class PairedHarness {

  /** Written by every operation so that none is optimised away. */
  static volatile Object sink;

  private final Map<String, Supplier<Object>> paths;
  private final int batch;
  private final Map<String, List<double[]>> samples = new LinkedHashMap<>();

  PairedHarness(Map<String, Supplier<Object>> paths, int batch) {
    this.paths = paths;
    this.batch = batch;
    paths.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
  }

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 400;
    try (Paths p = Paths.start(RedisAddress.host(), RedisAddress.port())) {
      Map<String, Supplier<Object>> all = new LinkedHashMap<>();
      byte[] json = p.json();
      all.put("floor", p::floor);
      all.put("jacksonDecode", () -> p.jacksonDecode(json));
      all.put("cacheRedis", p::cacheRedis);
      all.put("cacheMemory", p::cacheMemory);
      all.put("springRedis", p::spring);
      all.put("breakerOpen", p::breakerOpen);
      all.put("direct", p::direct);
      all.putAll(p.extra());
      PairedHarness harness = new PairedHarness(all, batch);
      harness.run(warmup, false);
      harness.run(rounds, true);
      p.verifyHitsOnly();
      harness.report(rounds);
    }
  }

  void run(int rounds, boolean record) {
    List<String> order = new ArrayList<>(paths.keySet());
    Random random = new Random(42);
    for (int r = 0; r < rounds; r++) {
      Collections.shuffle(order, random);
      for (String name : order) {
        Supplier<Object> path = paths.get(name);
        double[] times = new double[batch];
        for (int i = 0; i < batch; i++) {
          long start = System.nanoTime();
          sink = path.get();
          times[i] = (System.nanoTime() - start) / 1_000.0;
        }
        if (record) {
          samples.get(name).add(times);
        }
      }
    }
  }

  void report(int rounds) {
    System.out.printf(
        Locale.ROOT, "%n%-16s %10s %10s %10s%n", "path", "mean us", "p50 us", "p99 us");
    Map<String, double[]> roundMeans = new LinkedHashMap<>();
    for (var e : samples.entrySet()) {
      double[] all = e.getValue().stream().flatMapToDouble(Arrays::stream).toArray();
      Arrays.sort(all);
      System.out.printf(
          Locale.ROOT,
          "%-16s %10.2f %10.2f %10.2f%n",
          e.getKey(),
          Arrays.stream(all).average().orElse(0),
          quantile(all, 0.50),
          quantile(all, 0.99));
      roundMeans.put(
          e.getKey(),
          e.getValue().stream().mapToDouble(t -> Arrays.stream(t).average().orElse(0)).toArray());
    }
    System.out.printf(
        Locale.ROOT,
        "%nper-round ratios over %d rounds: median [IQR] [95 %% CI of the median]%n",
        rounds);
    for (String name : roundMeans.keySet()) {
      if (name.equals("floor") || !isRedisHit(name)) {
        continue;
      }
      ratio(roundMeans, name, "floor");
    }
    if (roundMeans.containsKey("springRedis")) {
      for (String name : roundMeans.keySet()) {
        if (isRedisHit(name) && !name.equals("springRedis") && !name.equals("floor")) {
          ratio(roundMeans, name, "springRedis");
        }
      }
    }
    difference(roundMeans, "breakerOpen", "direct");
  }

  private static boolean isRedisHit(String name) {
    return !name.equals("jacksonDecode")
        && !name.equals("cacheMemory")
        && !name.equals("breakerOpen")
        && !name.equals("direct")
        && !name.endsWith("Memory");
  }

  private static void ratio(Map<String, double[]> means, String a, String b) {
    double[] x = means.get(a);
    double[] y = means.get(b);
    double[] r = new double[x.length];
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = x[i] / y[i];
      d[i] = x[i] - y[i];
    }
    Arrays.sort(d);
    RatioStatistics s = RatioStatistics.of(r);
    String line =
        String.format(
            Locale.ROOT,
            "RATIO %s/%s = %.3f [IQR %.3f-%.3f] [CI95 %.3f-%.3f]  (%+.2f us per op)",
            a,
            b,
            s.median(),
            s.lowerQuartile(),
            s.upperQuartile(),
            s.medianLow(),
            s.medianHigh(),
            quantile(d, 0.5));
    if (b.equals("springRedis")) {
      line +=
          String.format(
              Locale.ROOT,
              "  faster in %.1f %% of rounds, sign test p = %.2g: %s",
              100 * s.shareFaster(),
              s.signTestP(),
              s.shownFaster() ? "faster shown" : "faster not shown");
    }
    System.out.println(line);
  }

  private static void difference(Map<String, double[]> means, String a, String b) {
    double[] x = means.get(a);
    double[] y = means.get(b);
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i] - y[i];
    }
    Arrays.sort(d);
    int[] ranks = RatioStatistics.medianRanks(d.length);
    System.out.printf(
        Locale.ROOT,
        "DIFF %s-%s = %.3f us per op [IQR %.3f-%.3f] [CI95 %.3f-%.3f]%n",
        a,
        b,
        quantile(d, 0.5),
        quantile(d, 0.25),
        quantile(d, 0.75),
        d[ranks[0] - 1],
        d[ranks[1] - 1]);
  }

  private static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
  }
}
