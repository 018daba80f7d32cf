package io.cachelet.bench.http;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One HTTP scenario: the path wrk requests, what answers it, whether every request gets a new URL,
 * the headers it sends, and the baseline it is held against with the least acceptable throughput
 * ratio.
 *
 * @param name what the report calls it
 * @param path the URL path under the bench server (or under the proxy in front of it)
 * @param front what wrk talks to: the bench server, or nginx or Varnish in front of it
 * @param redis whether {@code redis-server} serves requests too, so that its CPU is counted
 * @param uniqueUrls whether every request carries a new query string (a miss every time)
 * @param acceptGzip whether requests send {@code Accept-Encoding: gzip}
 * @param baseline the scenario the ratio is taken against, if any
 * @param target the least acceptable throughput ratio to the baseline, if there is a target
 */
record Scenario(
    String name,
    String path,
    Front front,
    boolean redis,
    boolean uniqueUrls,
    boolean acceptGzip,
    Optional<String> baseline,
    OptionalDouble target) {

  static Scenario baseline(String name, String path) {
    return new Scenario(
        name, path, Front.SERVER, false, false, false, Optional.empty(), OptionalDouble.empty());
  }

  static Scenario against(String name, String path, String baseline, double target) {
    return new Scenario(
        name,
        path,
        Front.SERVER,
        false,
        false,
        false,
        Optional.of(baseline),
        OptionalDouble.of(target));
  }

  Scenario withUniqueUrls() {
    return new Scenario(name, path, front, redis, true, acceptGzip, baseline, target);
  }

  Scenario withGzip() {
    return new Scenario(name, path, front, redis, uniqueUrls, true, baseline, target);
  }

  /** Redis serves this scenario's requests (or is asked on each): its CPU belongs to them. */
  Scenario withRedis() {
    return new Scenario(name, path, front, true, uniqueUrls, acceptGzip, baseline, target);
  }

  /** Requests go to a proxy in front of the bench server instead of to the server. */
  Scenario through(Front proxy) {
    return new Scenario(name, path, proxy, redis, uniqueUrls, acceptGzip, baseline, target);
  }

  /** Compared with its baseline, with no target: reported, never failing {@code --check}. */
  Scenario comparedWith(String other) {
    return new Scenario(
        name, path, front, redis, uniqueUrls, acceptGzip, Optional.of(other), target);
  }
}
