package io.cachelet.bench.http;

import java.util.ArrayList;
import java.util.List;

/** The scenarios and the wrk script each one runs with. */
final class Scenarios {

  private Scenarios() {}

  static List<Scenario> all() {
    List<Scenario> all = new ArrayList<>();
    all.add(Scenario.baseline("raw", "/raw/item"));
    all.add(Scenario.baseline("redis-floor", "/redis-floor/item"));
    all.add(Scenario.baseline("origin", "/origin/item"));
    all.add(Scenario.baseline("raw-large", "/raw-large/item"));
    all.add(Scenario.against("hit-redis", "/hit-redis/item", "redis-floor", 0.90));
    all.add(Scenario.against("hit-memory", "/hit-memory/item", "raw", 0.85));
    all.add(Scenario.against("hit-near", "/hit-near/item", "raw", 0.85));
    all.add(Scenario.baseline("hit-floor", "/hit-floor/item").comparedWith("raw"));
    all.add(Scenario.against("miss", "/miss/item", "origin", 0.95).withUniqueUrls());
    all.add(Scenario.against("redis-down", "/redis-down/item", "origin", 0.95));
    all.add(Scenario.baseline("hit-gzip", "/hit-gzip/item").withGzip().comparedWith("raw-large"));
    return all;
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
