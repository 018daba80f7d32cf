package io.cachelet.bench.http;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One HTTP scenario: the path wrk requests, whether every request gets a new URL, the headers it
 * sends, and the baseline its throughput is held against with the least acceptable ratio.
 *
 * @param name what the report calls it
 * @param path the URL path under the bench server
 * @param uniqueUrls whether every request carries a new query string (a miss every time)
 * @param acceptGzip whether requests send {@code Accept-Encoding: gzip}
 * @param baseline the scenario the ratio is taken against, if any
 * @param target the least acceptable throughput ratio to the baseline, if there is a target
 */
record Scenario(
    String name,
    String path,
    boolean uniqueUrls,
    boolean acceptGzip,
    Optional<String> baseline,
    OptionalDouble target) {

  static Scenario baseline(String name, String path) {
    return new Scenario(name, path, false, false, Optional.empty(), OptionalDouble.empty());
  }

  static Scenario against(String name, String path, String baseline, double target) {
    return new Scenario(name, path, false, false, Optional.of(baseline), OptionalDouble.of(target));
  }

  Scenario withUniqueUrls() {
    return new Scenario(name, path, true, acceptGzip, baseline, target);
  }

  Scenario withGzip() {
    return new Scenario(name, path, uniqueUrls, true, baseline, target);
  }

  /** Compared with its baseline, with no target: reported, never failing {@code --check}. */
  Scenario comparedWith(String other) {
    return new Scenario(name, path, uniqueUrls, acceptGzip, Optional.of(other), target);
  }
}
