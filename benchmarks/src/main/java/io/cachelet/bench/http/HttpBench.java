package io.cachelet.bench.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Runs every HTTP scenario with wrk against the {@link BenchServer} and a {@code redis-server} it
 * starts on free loopback ports, and prints throughput, latency and every ratio. Each scenario runs
 * right next to its baseline, in rounds that alternate which of the two goes first, and a ratio is
 * taken per pair: the host's drift over minutes (larger than some of the effects measured) then
 * cancels instead of landing on one side. The median pair is reported, with the range.
 *
 * <pre>
 * java -cp benchmarks.jar io.cachelet.bench.http.HttpBench [--check] [--duration 5]
 *     [--rounds 5] [--warmup 5] [--connections 64] [--threads 2] [--only raw,origin]
 *     [--jfr server.jfr]
 * </pre>
 *
 * <p>With {@code --check} the exit status is 1 when a ratio misses its target, or when a scenario
 * saw errors or non-2xx answers.
 */
public final class HttpBench {

  /** The server JVM's flags: the same for every scenario, since all run in that one JVM. */
  static final List<String> SERVER_FLAGS =
      List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch");

  private static final Pattern RESULT =
      Pattern.compile(
          "BENCH requests=(\\d+) bytes=(\\d+) duration_us=(\\d+) p50_us=([\\d.]+)"
              + " p99_us=([\\d.]+) errors=(\\d+) non2xx=(\\d+)");

  private static final Pattern COMMAND_STATS = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)");

  private final Map<String, String> options;
  private final Path work;
  private RedisClient stats;
  private final Map<String, Map<String, Double>> commandsPerRequest = new LinkedHashMap<>();

  private HttpBench(Map<String, String> options) throws IOException {
    this.options = options;
    this.work = Files.createTempDirectory("cachelet-http-bench");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--check")) {
        options.put("check", "true");
      } else if (arg.startsWith("--") && i + 1 < args.length) {
        options.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    System.exit(new HttpBench(options).run());
  }

  private int option(String name, int fallback) {
    return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
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

    int redisPort = freePort();
    int serverPort = freePort();
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
    Process server = null;
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
      awaitReady(serverPort);
      System.out.printf(
          Locale.ROOT,
          "wrk -t%d -c%d, warm-up %d s, %d rounds of %d s; server JVM %s; redis-server pid %d,"
              + " bench server pid %d%n",
          threads,
          connections,
          warmup,
          rounds,
          duration,
          SERVER_FLAGS,
          redis.pid(),
          server.pid());

      String base = "http://127.0.0.1:" + serverPort;
      stats = RedisClient.builder().hostAndPort("127.0.0.1", redisPort).build();
      for (Scenario s : scenarios) {
        wrk(base, s, threads, connections, warmup);
      }
      Map<String, List<Result>> results = new LinkedHashMap<>();
      Map<String, List<Double>> ratios = new LinkedHashMap<>();
      scenarios.forEach(s -> results.put(s.name(), new ArrayList<>()));
      Map<String, Scenario> byName = new LinkedHashMap<>();
      scenarios.forEach(s -> byName.put(s.name(), s));
      for (int r = 0; r < rounds; r++) {
        for (Scenario s : scenarios) {
          Scenario b = s.baseline().map(byName::get).orElse(null);
          if (b == null) {
            if (!isBaseline(s, scenarios)) {
              record(base, s, threads, connections, duration, r, results);
            }
            continue;
          }
          // the baseline goes first in even rounds and second in odd ones
          boolean baselineFirst = r % 2 == 0;
          Result first =
              record(base, baselineFirst ? b : s, threads, connections, duration, r, results);
          Result second =
              record(base, baselineFirst ? s : b, threads, connections, duration, r, results);
          Result mine = baselineFirst ? second : first;
          Result theirs = baselineFirst ? first : second;
          ratios.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(mine.rps() / theirs.rps());
        }
      }
      return report(scenarios, results, ratios, options.containsKey("check"));
    } finally {
      if (stats != null) {
        stats.close();
      }
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

  private Result record(
      String base,
      Scenario s,
      int threads,
      int connections,
      int seconds,
      int round,
      Map<String, List<Result>> results)
      throws IOException, InterruptedException {
    Result result = wrk(base, s, threads, connections, seconds);
    results.get(s.name()).add(result);
    System.out.printf(Locale.ROOT, "  round %d %-12s %s%n", round + 1, s.name(), result);
    return result;
  }

  private int report(
      List<Scenario> scenarios,
      Map<String, List<Result>> results,
      Map<String, List<Double>> ratios,
      boolean check) {
    Map<String, Result> median = new LinkedHashMap<>();
    results.forEach((name, list) -> median.put(name, Result.median(list)));
    System.out.printf(
        Locale.ROOT,
        "%n%-12s %10s %9s %9s %10s %7s%n",
        "scenario",
        "req/s",
        "p50 ms",
        "p99 ms",
        "bytes/resp",
        "errors");
    for (var e : median.entrySet()) {
      Result r = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "%-12s %10.0f %9.2f %9.2f %10.0f %7d%n",
          e.getKey(),
          r.rps(),
          r.p50Us() / 1000,
          r.p99Us() / 1000,
          r.bytesPerResponse(),
          r.errors() + r.non2xx());
    }
    System.out.println("\nRedis commands per request (last run of each scenario)");
    commandsPerRequest.forEach(
        (name, perRequest) -> {
          StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s", name));
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
      List<Double> pairs = ratios.get(s.name()).stream().sorted().toList();
      double ratio = pairs.get(pairs.size() / 2);
      String verdict = "";
      if (s.target().isPresent()) {
        boolean met = ratio >= s.target().getAsDouble();
        verdict =
            String.format(
                Locale.ROOT, "target >= %.2f %s", s.target().getAsDouble(), met ? "MET" : "MISSED");
        misses += met ? 0 : 1;
      }
      System.out.printf(
          Locale.ROOT,
          "RATIO %-12s / %-12s req/s %.3f [%.3f-%.3f over %d pairs]  bytes/resp %.3f  %s%n",
          s.name(),
          s.baseline().get(),
          ratio,
          pairs.get(0),
          pairs.get(pairs.size() - 1),
          pairs.size(),
          r.bytesPerResponse() / b.bytesPerResponse(),
          verdict);
    }
    if (check && misses > 0) {
      System.out.printf(Locale.ROOT, "%d target(s) missed%n", misses);
      return 1;
    }
    return 0;
  }

  private Result wrk(String base, Scenario s, int threads, int connections, int seconds)
      throws IOException, InterruptedException {
    Path script = work.resolve(s.name() + ".lua");
    Files.writeString(script, Scenarios.lua(s), StandardCharsets.UTF_8);
    List<String> command =
        new ArrayList<>(
            List.of(
                "wrk",
                "-t" + threads,
                "-c" + connections,
                "-d" + seconds + "s",
                "--timeout",
                "5s",
                "-s",
                script.toString()));
    command.add(base + s.path());
    Map<String, Long> before = commandCalls();
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(wrk.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        out.append(line).append('\n');
      }
    }
    wrk.waitFor();
    Matcher m = RESULT.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("wrk gave no result for " + s.name() + ":\n" + out);
    }
    Map<String, Long> after = commandCalls();
    long requests = Long.parseLong(m.group(1));
    Map<String, Double> perRequest = new TreeMap<>();
    after.forEach(
        (name, calls) -> {
          long delta = calls - before.getOrDefault(name, 0L);
          // connection set-up and this bench's own INFO calls are not per request
          if (requests > 0 && delta >= requests / 100) {
            perRequest.put(name, (double) delta / requests);
          }
        });
    commandsPerRequest.put(s.name(), perRequest);
    return new Result(
        Long.parseLong(m.group(1)),
        Long.parseLong(m.group(2)),
        Long.parseLong(m.group(3)),
        Double.parseDouble(m.group(4)),
        Double.parseDouble(m.group(5)),
        Long.parseLong(m.group(6)),
        Long.parseLong(m.group(7)));
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

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
