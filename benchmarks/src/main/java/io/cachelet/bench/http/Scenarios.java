package io.cachelet.bench.http;

import java.util.ArrayList;
import java.util.List;

/** The scenarios and the wrk script each one runs with. */
final class Scenarios {

  private Scenarios() {}

  static List<Scenario> all() {
    List<Scenario> all = new ArrayList<>();
    all.add(Scenario.baseline("raw", "/raw/item"));
    all.add(Scenario.baseline("redis-floor", "/redis-floor/item").withRedis());
    all.add(Scenario.baseline("origin", "/origin/item"));
    all.add(Scenario.baseline("raw-large", "/raw-large/item"));
    all.add(Scenario.against("hit-redis", "/hit-redis/item", "redis-floor", 0.90).withRedis());
    all.add(Scenario.against("hit-memory", "/hit-memory/item", "raw", 0.85));
    // hits never reach Redis, but the near cache listens to it for invalidations
    all.add(Scenario.against("hit-near", "/hit-near/item", "raw", 0.85).withRedis());
    all.add(Scenario.baseline("hit-floor", "/hit-floor/item").comparedWith("raw"));
    all.add(peer("nginx-hit", "/peer/item", Front.NGINX, "raw"));
    all.add(peer("varnish-hit", "/peer/item", Front.VARNISH, "raw"));
    all.add(Scenario.against("miss", "/miss/item", "origin", 0.95).withUniqueUrls().withRedis());
    all.add(Scenario.against("redis-down", "/redis-down/item", "origin", 0.95));
    all.add(
        Scenario.baseline("hit-gzip", "/hit-gzip/item")
            .withGzip()
            .withRedis()
            .comparedWith("raw-large"));
    all.add(peer("nginx-large", "/peer-large/item", Front.NGINX, "raw-large"));
    all.add(peer("varnish-large", "/peer-large/item", Front.VARNISH, "raw-large"));
    return all;
  }

  /** A proxy peer's hit, compared with a baseline and held to no throughput target. */
  private static Scenario peer(String name, String path, Front proxy, String baseline) {
    return Scenario.baseline(name, path).through(proxy).comparedWith(baseline);
  }

  /**
   * The targets on CPU per request: Cachelet's in-process hits within 5 % of a filter that sends
   * constants, and no dearer than nginx or Varnish answering from their caches (their worker plus
   * the origin JVM's idle share, since the JVM is there in both deployments).
   */
  static List<CpuTarget> cpuTargets() {
    List<CpuTarget> targets = new ArrayList<>();
    for (String cachelet : List.of("hit-memory", "hit-near")) {
      targets.add(new CpuTarget(cachelet, "hit-floor", 1.05));
      targets.add(new CpuTarget(cachelet, "nginx-hit", 1.0));
      targets.add(new CpuTarget(cachelet, "varnish-hit", 1.0));
    }
    return targets;
  }

  /**
   * The scenarios of one point of the curves: the baseline {@code raw} and the three compared with
   * it, on the paths ending in {@code suffix} ({@link Bodies#suffix}; empty for the 2 KB body).
   */
  static List<Scenario> curve(String suffix) {
    String raw = "raw" + suffix;
    return List.of(
        Scenario.baseline(raw, "/" + raw + "/item"),
        Scenario.baseline("hit-memory" + suffix, "/hit-memory" + suffix + "/item")
            .comparedWith(raw),
        Scenario.baseline("hit-redis" + suffix, "/hit-redis" + suffix + "/item")
            .withRedis()
            .comparedWith(raw),
        peer("nginx-hit" + suffix, "/peer" + suffix + "/item", Front.NGINX, raw));
  }

  /**
   * The wrk script: a per-thread id and counter for unique URLs, the headers, and a {@code done}
   * hook that prints the exact totals and percentiles in one parseable line.
   */
  static String lua(Scenario s) {
    StringBuilder lua = new StringBuilder();
    lua.append(
        """
        local counter = 1
        function setup(thread)
          thread:set("id", counter)
          counter = counter + 1
        end
        local n = 0
        """);
    if (s.acceptGzip()) {
      lua.append("wrk.headers[\"Accept-Encoding\"] = \"gzip\"\n");
    }
    if (s.uniqueUrls()) {
      lua.append(
          """
          request = function()
            n = n + 1
            return wrk.format(nil, wrk.path .. "?k=" .. id .. "-" .. n)
          end
          """);
    }
    lua.append(
        """
        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format(
            "BENCH requests=%d bytes=%d duration_us=%d p50_us=%.1f p99_us=%.1f errors=%d non2xx=%d\\n",
            summary.requests, summary.bytes, summary.duration,
            latency:percentile(50), latency:percentile(99),
            e.connect + e.read + e.write + e.timeout, e.status))
        end
        """);
    return lua.toString();
  }
}
