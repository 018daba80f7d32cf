package io.cachelet.bench.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body-size and connection curves: {@code hit-memory}, {@code hit-redis} and {@code nginx-hit}
 * as ratios to {@code raw} serving the same body, at 1 KB to 1 MB (64 connections) and at 1 to 256
 * connections (the 2 KB body). Each point is measured as the main table is, in pairs with {@code
 * raw} that alternate which goes first, and reported as the median pair with the range.
 */
final class Curves {

  static final List<Integer> CONNECTIONS = List.of(1, 16, 64, 256);

  /** The body-size curve's connections: the main table's. */
  static final int BODY_CONNECTIONS = 64;

  /** One wrk run of a scenario at a number of connections for some seconds. */
  @FunctionalInterface
  interface Runner {
    Result run(Scenario s, int connections, int seconds) throws IOException, InterruptedException;
  }

  /**
   * One point of one curve.
   *
   * @param axis {@code body} (x in bytes) or {@code connections}
   * @param series the scenario compared with {@code raw}, without the size suffix
   * @param x the body size or the connection count
   * @param cpuRatio CPU per request over {@code raw}'s, per pair
   * @param rpsRatio requests per second over {@code raw}'s, per pair
   * @param errors errors and non-2xx answers in the point's runs
   */
  record Point(String axis, String series, int x, Spread cpuRatio, Spread rpsRatio, long errors) {

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "CURVE %-11s %-10s x=%-8d CPU/req %.3f [%.3f-%.3f]  req/s %.3f [%.3f-%.3f]  errors %d",
          axis,
          series,
          x,
          cpuRatio.median(),
          cpuRatio.min(),
          cpuRatio.max(),
          rpsRatio.median(),
          rpsRatio.min(),
          rpsRatio.max(),
          errors);
    }
  }

  private final Runner runner;
  private final int seconds;
  private final int rounds;
  private final int warmup;

  Curves(Runner runner, int seconds, int rounds, int warmup) {
    this.runner = runner;
    this.seconds = seconds;
    this.rounds = rounds;
    this.warmup = warmup;
  }

  List<Point> measure() throws IOException, InterruptedException {
    List<Point> points = new ArrayList<>();
    for (int size : Bodies.CURVE_SIZES) {
      points.addAll(point("body", size, Bodies.suffix(size), BODY_CONNECTIONS));
    }
    for (int connections : CONNECTIONS) {
      points.addAll(point("connections", connections, "", connections));
    }
    return points;
  }

  /**
   * {@code raw} and the three scenarios measured in pairs with it, on the paths of {@code suffix}.
   */
  private List<Point> point(String axis, int x, String suffix, int connections)
      throws IOException, InterruptedException {
    List<Scenario> group = Scenarios.curve(suffix);
    long errors = 0;
    for (Scenario s : group) {
      // fills the caches and warms the JIT at this size and concurrency
      runner.run(s, connections, warmup);
    }
    Scenario raw = group.get(0);
    Map<Scenario, List<Double>> cpu = new LinkedHashMap<>();
    Map<Scenario, List<Double>> rps = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      for (Scenario s : group.subList(1, group.size())) {
        boolean rawFirst = r % 2 == 0;
        Result first = runner.run(rawFirst ? raw : s, connections, seconds);
        Result second = runner.run(rawFirst ? s : raw, connections, seconds);
        Result mine = rawFirst ? second : first;
        Result theirs = rawFirst ? first : second;
        errors += first.errors() + first.non2xx() + second.errors() + second.non2xx();
        cpu.computeIfAbsent(s, k -> new ArrayList<>())
            .add(mine.cpuUsPerRequest() / theirs.cpuUsPerRequest());
        rps.computeIfAbsent(s, k -> new ArrayList<>()).add(mine.rps() / theirs.rps());
      }
    }
    List<Point> points = new ArrayList<>();
    for (Scenario s : cpu.keySet()) {
      String series = s.name().substring(0, s.name().length() - suffix.length());
      points.add(new Point(axis, series, x, Spread.of(cpu.get(s)), Spread.of(rps.get(s)), errors));
    }
    return points;
  }
}
