package io.cachelet.bench.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.RedisClient;

/**
 * Runs every HTTP scenario with wrk against the {@link BenchServer}, a {@code redis-server} and the
 * two proxy peers (nginx, Varnish) it starts on free loopback ports, and prints CPU per request,
 * throughput, latency and every ratio. Each scenario runs right next to its baseline, in rounds
 * that alternate which of the two goes first, and a ratio is taken per pair: the host's drift over
 * minutes (larger than some of the effects measured) then cancels instead of landing on one side.
 * The median pair is reported, with the range. Then the body-size and connection curves ({@link
 * Curves}) are measured the same way and drawn ({@link CurvePlot}).
 *
 * <pre>
 * java -cp benchmarks.jar io.cachelet.bench.http.HttpBench [--check | --smoke] [--duration 5]
 *     [--rounds 5] [--warmup 5] [--connections 64] [--threads 2] [--only raw,origin]
 *     [--curve-duration 3] [--curve-rounds 2] [--curves no] [--plot curves.png]
 *     [--jfr server.jfr]
 * </pre>
 *
 * <p>With {@code --check} the exit status is 1 when a target is missed, when a scenario saw errors
 * or non-2xx answers, or when a peer did not answer from its cache. {@code --smoke} runs everything
 * for a second (too short for the CPU figures, which need several hundred clock ticks per run) and
 * fails only on errors, non-2xx answers and peers that do not cache.
 */
public final class HttpBench {

  /** The server JVM's flags: the same for every scenario, since all run in that one JVM. */
  static final List<String> SERVER_FLAGS =
      List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch");

  private static final Pattern COMMAND_STATS = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)");

  private final Map<String, String> options;
  private final boolean smoke;
  private final Path work;
  private RedisClient stats;
  private final Map<String, Map<String, Double>> commandsPerRequest = new LinkedHashMap<>();
  private final Map<Front, String> bases = new EnumMap<>(Front.class);
  private final Map<Front, Long> proxyPids = new EnumMap<>(Front.class);
  private long serverPid;
  private long redisPid;
  private Wrk wrk;

  private HttpBench(Map<String, String> options) throws IOException {
    this.options = options;
    this.smoke = options.containsKey("smoke");
    this.work = Files.createTempDirectory("cachelet-http-bench");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--check") || arg.equals("--smoke")) {
        options.put(arg.substring(2), "true");
      } else if (arg.startsWith("--") && i + 1 < args.length) {
        options.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    System.exit(new HttpBench(options).run());
  }

  /** An option's value; in a smoke run every duration and count defaults to 1. */
  private int option(String name, int fallback) {
    return options.containsKey(name)
        ? Integer.parseInt(options.get(name))
        : smoke && !name.equals("connections") && !name.equals("threads") ? 1 : fallback;
  }

  int run() throws Exception {
    List<Scenario> scenarios = Scenarios.all();
    if (options.containsKey("only")) {
      List<String> only = Arrays.asList(options.get("only").split(","));
      scenarios = scenarios.stream().filter(s -> only.contains(s.name())).toList();
    }
    int duration = option("duration", 5);
    int rounds = option("rounds", 5);
    int warmup = option("warmup", 5);
    int connections = option("connections", 64);
    int threads = option("threads", 2);

    CpuTime cpu = ProcFs.clockTicks();
    wrk = new Wrk(work, cpu);
    int redisPort = LoopbackPorts.free();
    int serverPort = LoopbackPorts.free();
    Process redis =
        new ProcessBuilder(
                "redis-server",
                "--port",
                String.valueOf(redisPort),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectOutput(work.resolve("redis.log").toFile())
            .redirectErrorStream(true)
            .start();
    redisPid = redis.pid();
    Process server = null;
    List<ProxyPeer> peers = new ArrayList<>();
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(SERVER_FLAGS);
      if (options.containsKey("jfr")) {
        // for explaining a gap, not for the figures: the recording costs a little everywhere
        command.add("-XX:StartFlightRecording=settings=profile,filename=" + options.get("jfr"));
      }
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              BenchServer.class.getName(),
              String.valueOf(serverPort),
              String.valueOf(redisPort)));
      server =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("server.log").toFile())
              .start();
      serverPid = server.pid();
      awaitReady(serverPort);
      peers.add(ProxyPeer.nginx(work.resolve("nginx"), serverPort));
      peers.add(ProxyPeer.varnish(work.resolve("varnish"), serverPort));
      bases.put(Front.SERVER, "http://127.0.0.1:" + serverPort);
      for (ProxyPeer peer : peers) {
        bases.put(peer.front(), "http://127.0.0.1:" + peer.port());
        proxyPids.put(peer.front(), peer.pid());
      }
      System.out.printf(
          Locale.ROOT,
          "wrk -t%d -c%d, warm-up %d s, %d rounds of %d s; server JVM %s; CLK_TCK %d;"
              + " redis-server pid %d, bench server pid %d, nginx pid %d, varnishd pid %d;"
              + " load average %s%n",
          threads,
          connections,
          warmup,
          rounds,
          duration,
          SERVER_FLAGS,
          cpu.ticksPerSecond(),
          redisPid,
          serverPid,
          proxyPids.get(Front.NGINX),
          proxyPids.get(Front.VARNISH),
          loadAverage());

      stats = RedisClient.builder().hostAndPort("127.0.0.1", redisPort).build();
      for (Scenario s : scenarios) {
        measure(s, threads, connections, warmup);
      }
      int failures = uncachedPeers(scenarios);
      Map<String, List<Result>> results = new LinkedHashMap<>();
      Map<String, List<Double>> ratios = new LinkedHashMap<>();
      Map<String, List<Double>> cpuRatios = new LinkedHashMap<>();
      scenarios.forEach(s -> results.put(s.name(), new ArrayList<>()));
      Map<String, Scenario> byName = new LinkedHashMap<>();
      scenarios.forEach(s -> byName.put(s.name(), s));
      for (int r = 0; r < rounds; r++) {
        for (Scenario s : scenarios) {
          Scenario b = s.baseline().map(byName::get).orElse(null);
          if (b == null) {
            if (!isBaseline(s, scenarios)) {
              record(s, threads, connections, duration, r, results);
            }
            continue;
          }
          // the baseline goes first in even rounds and second in odd ones
          boolean baselineFirst = r % 2 == 0;
          Result first = record(baselineFirst ? b : s, threads, connections, duration, r, results);
          Result second = record(baselineFirst ? s : b, threads, connections, duration, r, results);
          Result mine = baselineFirst ? second : first;
          Result theirs = baselineFirst ? first : second;
          ratios.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(mine.rps() / theirs.rps());
          cpuRatios
              .computeIfAbsent(s.name(), n -> new ArrayList<>())
              .add(mine.cpuUsPerRequest() / theirs.cpuUsPerRequest());
        }
      }
      failures += report(scenarios, results, ratios, cpuRatios);
      if (!"no".equals(options.get("curves")) && !options.containsKey("only")) {
        failures += curves(threads, warmup);
      }
      System.out.printf(Locale.ROOT, "%nload average at the end %s%n", loadAverage());
      if ((options.containsKey("check") || smoke) && failures > 0) {
        System.out.printf(Locale.ROOT, "%d failure(s) or missed target(s)%n", failures);
        return 1;
      }
      return 0;
    } finally {
      if (stats != null) {
        stats.close();
      }
      peers.forEach(ProxyPeer::close);
      if (server != null) {
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
      }
      redis.destroy();
      redis.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static boolean isBaseline(Scenario s, List<Scenario> scenarios) {
    return scenarios.stream().anyMatch(o -> o.baseline().filter(s.name()::equals).isPresent());
  }

  /** The pids whose process trees serve {@code s}: the bench server, Redis, the proxy. */
  private List<Long> serving(Scenario s) {
    List<Long> pids = new ArrayList<>(List.of(serverPid));
    if (s.redis()) {
      pids.add(redisPid);
    }
    if (s.front() != Front.SERVER) {
      pids.add(proxyPids.get(s.front()));
    }
    return pids;
  }

  private Result record(
      Scenario s,
      int threads,
      int connections,
      int seconds,
      int round,
      Map<String, List<Result>> results)
      throws IOException, InterruptedException {
    Result result = measure(s, threads, connections, seconds);
    results.get(s.name()).add(result);
    System.out.printf(Locale.ROOT, "  round %d %-13s %s%n", round + 1, s.name(), result);
    return result;
  }

  /** One wrk run of {@code s}, with the Redis commands it caused per request. */
  private Result measure(Scenario s, int threads, int connections, int seconds)
      throws IOException, InterruptedException {
    Map<String, Long> before = commandCalls();
    Result result =
        wrk.run(bases.get(s.front()) + s.path(), s, threads, connections, seconds, serving(s));
    Map<String, Long> after = commandCalls();
    Map<String, Double> perRequest = new TreeMap<>();
    after.forEach(
        (name, calls) -> {
          long delta = calls - before.getOrDefault(name, 0L);
          // connection set-up and this bench's own INFO calls are not per request
          if (result.requests() > 0 && delta >= result.requests() / 100) {
            perRequest.put(name, (double) delta / result.requests());
          }
        });
    commandsPerRequest.put(s.name(), perRequest);
    return result;
  }

  /**
   * After the warm-up, one request through each proxy scenario must come from the proxy's cache:
   * otherwise the scenario would measure the origin and the comparison would be void.
   */
  private int uncachedPeers(List<Scenario> scenarios) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    int uncached = 0;
    for (Scenario s : scenarios) {
      if (s.front() == Front.SERVER) {
        continue;
      }
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(URI.create(bases.get(s.front()) + s.path())).build(),
              HttpResponse.BodyHandlers.discarding());
      if (!s.front().isHit(response.headers())) {
        System.out.printf(Locale.ROOT, "NOT CACHED %s: %s%n", s.name(), response.headers().map());
        uncached++;
      }
    }
    return uncached;
  }

  private int curves(int threads, int warmup) throws IOException, InterruptedException {
    int seconds = option("curve-duration", 3);
    int rounds = option("curve-rounds", 2);
    System.out.printf(
        Locale.ROOT,
        "%nCurves: %d rounds of %d s per pair; load average %s%n",
        rounds,
        seconds,
        loadAverage());
    List<Curves.Point> points =
        new Curves(
                (s, connections, duration) -> {
                  Result r = measure(s, threads, connections, duration);
                  System.out.printf(Locale.ROOT, "  %-16s c=%-4d %s%n", s.name(), connections, r);
                  return r;
                },
                seconds,
                rounds,
                Math.min(warmup, 2))
            .measure();
    points.forEach(System.out::println);
    Path plot = Path.of(options.getOrDefault("plot", work.resolve("http-curves.png").toString()));
    CurvePlot.write(points, plot);
    System.out.println("curves drawn to " + plot);
    return (int) points.stream().filter(p -> p.errors() > 0).count();
  }

  private int report(
      List<Scenario> scenarios,
      Map<String, List<Result>> results,
      Map<String, List<Double>> ratios,
      Map<String, List<Double>> cpuRatios) {
    Map<String, Result> median = new LinkedHashMap<>();
    Map<String, Spread> cpu = new LinkedHashMap<>();
    results.forEach(
        (name, list) -> {
          median.put(name, Result.median(list));
          cpu.put(name, Spread.of(list.stream().map(Result::cpuUsPerRequest).toList()));
        });
    Spread raw = cpu.get("raw");
    System.out.printf(
        Locale.ROOT,
        "%n%-13s %22s %8s %10s %9s %9s %10s %7s%n",
        "scenario",
        "CPU us/req [range]",
        "/ raw",
        "req/s",
        "p50 ms",
        "p99 ms",
        "bytes/resp",
        "errors");
    for (var e : median.entrySet()) {
      Result r = e.getValue();
      Spread c = cpu.get(e.getKey());
      System.out.printf(
          Locale.ROOT,
          "%-13s %6.1f [%6.1f-%6.1f] %8s %10.0f %9.2f %9.2f %10.0f %7d%n",
          e.getKey(),
          c.median(),
          c.min(),
          c.max(),
          raw == null ? "-" : String.format(Locale.ROOT, "%.3f", c.median() / raw.median()),
          r.rps(),
          r.p50Us() / 1000,
          r.p99Us() / 1000,
          r.bytesPerResponse(),
          r.errors() + r.non2xx());
    }
    System.out.println("\nRedis commands per request (last run of each scenario)");
    commandsPerRequest.forEach(
        (name, perRequest) -> {
          StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-13s", name));
          perRequest.forEach(
              (command, n) -> line.append(String.format(Locale.ROOT, " %s=%.2f", command, n)));
          System.out.println(line);
        });
    int misses = 0;
    System.out.println();
    for (Scenario s : scenarios) {
      Result r = median.get(s.name());
      if (r.errors() + r.non2xx() > 0) {
        System.out.printf(Locale.ROOT, "ERRORS %s: %d%n", s.name(), r.errors() + r.non2xx());
        misses++;
      }
      if (s.baseline().isEmpty() || !median.containsKey(s.baseline().get())) {
        continue;
      }
      Result b = median.get(s.baseline().get());
      Spread pairs = Spread.of(ratios.get(s.name()));
      Spread cpuPairs = Spread.of(cpuRatios.get(s.name()));
      String verdict = "";
      if (s.target().isPresent() && !smoke) {
        boolean met = pairs.median() >= s.target().getAsDouble();
        verdict =
            String.format(
                Locale.ROOT, "target >= %.2f %s", s.target().getAsDouble(), met ? "MET" : "MISSED");
        misses += met ? 0 : 1;
      }
      System.out.printf(
          Locale.ROOT,
          "RATIO %-13s / %-11s CPU/req %.3f [%.3f-%.3f]  req/s %.3f [%.3f-%.3f over %d pairs]"
              + "  bytes/resp %.3f  %s%n",
          s.name(),
          s.baseline().get(),
          cpuPairs.median(),
          cpuPairs.min(),
          cpuPairs.max(),
          pairs.median(),
          pairs.min(),
          pairs.max(),
          pairs.count(),
          r.bytesPerResponse() / b.bytesPerResponse(),
          verdict);
    }
    System.out.println();
    for (CpuTarget target : Scenarios.cpuTargets()) {
      List<Result> mine = results.get(target.scenario());
      List<Result> theirs = results.get(target.other());
      if (mine == null || theirs == null) {
        continue;
      }
      // each runs once per round: ratios of the same round
      List<Double> perRound = new ArrayList<>();
      for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
        perRound.add(mine.get(i).cpuUsPerRequest() / theirs.get(i).cpuUsPerRequest());
      }
      CpuTarget.Verdict verdict = target.judge(perRound);
      System.out.println(verdict);
      misses += verdict.met() || smoke ? 0 : 1;
    }
    return misses;
  }

  /** {@code /proc/loadavg}'s three averages, for the record of how busy the host was. */
  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  /** Calls per Redis command so far ({@code INFO commandstats}); empty before the server is up. */
  private Map<String, Long> commandCalls() {
    Map<String, Long> calls = new TreeMap<>();
    if (stats == null) {
      return calls;
    }
    Matcher m = COMMAND_STATS.matcher(stats.info("commandstats"));
    while (m.find()) {
      calls.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return calls;
  }

  private static void awaitReady(int port) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/raw/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the bench server did not start within 60 s");
  }
}
