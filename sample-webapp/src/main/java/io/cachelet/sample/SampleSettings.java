package io.cachelet.sample;

import io.cachelet.config.CacheletConfig;
import io.cachelet.config.ConfigException;
import io.cachelet.config.ConfigSources;
import io.cachelet.config.DurationFormat;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the sample is started with. {@link #fromEnvironment} reads:
 *
 * <ul>
 *   <li>{@code PORT}: the HTTP port, default {@value #DEFAULT_PORT};
 *   <li>{@code HOST}: the address to listen on, default every interface;
 *   <li>{@code SAMPLE_DB_LATENCY}: how long every database query is made to take, default {@code
 *       50ms}, so that caching shows;
 *   <li>{@code CACHELET_ADMIN_TOKEN}: the bearer token the admin endpoints ask for; unset leaves
 *       them open (and the log says so);
 *   <li>everything {@link CacheletConfig} reads, {@code REDIS_URL} first of all.
 * </ul>
 *
 * @param host the address to listen on, {@code 0.0.0.0} for every interface
 * @param port the HTTP port; 0 picks a free one
 * @param dbLatency the artificial latency of every database query
 * @param adminToken the admin endpoints' bearer token, empty when they are unprotected
 * @param cachelet Cachelet's own configuration
 * @param routes the response cache's routes, in the filter's routes grammar, in place of {@value
 *     SampleApp#ROUTES_FILE}; empty for that file. Not read from the environment: it is for tests
 *     that need a route with a shorter TTL or a stale grace, such as the chaos suite.
 */
public record SampleSettings(
    String host,
    int port,
    Duration dbLatency,
    Optional<String> adminToken,
    CacheletConfig cachelet,
    Optional<String> routes) {

  public static final int DEFAULT_PORT = 8080;
  public static final Duration DEFAULT_DB_LATENCY = Duration.ofMillis(50);

  public SampleSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dbLatency, "dbLatency");
    Objects.requireNonNull(adminToken, "adminToken");
    Objects.requireNonNull(cachelet, "cachelet");
    Objects.requireNonNull(routes, "routes");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not from 0 to 65535");
    }
    if (dbLatency.isNegative()) {
      throw new IllegalArgumentException("dbLatency must not be negative: " + dbLatency);
    }
  }

  /** Settings that cache the routes of {@value SampleApp#ROUTES_FILE}. */
  public SampleSettings(
      String host,
      int port,
      Duration dbLatency,
      Optional<String> adminToken,
      CacheletConfig cachelet) {
    this(host, port, dbLatency, adminToken, cachelet, Optional.empty());
  }

  /**
   * The settings {@code environment} and {@code sources} give.
   *
   * @throws StartupException naming the variable, its value and what would be accepted
   */
  public static SampleSettings fromEnvironment(
      Map<String, String> environment, ConfigSources sources) throws StartupException {
    String host = environment.getOrDefault("HOST", "0.0.0.0").trim();
    int port = port(environment.get("PORT"));
    Duration latency = latency(environment.get("SAMPLE_DB_LATENCY"));
    Optional<String> token =
        Optional.ofNullable(environment.get("CACHELET_ADMIN_TOKEN"))
            .map(String::trim)
            .filter(t -> !t.isEmpty());
    CacheletConfig config;
    try {
      config = CacheletConfig.builder(sources).build();
    } catch (ConfigException e) {
      throw new StartupException(
          e.getMessage() + " Fix it, or unset it to run on the in-process store.", e);
    }
    return new SampleSettings(host.isEmpty() ? "0.0.0.0" : host, port, latency, token, config);
  }

  /** The same settings with {@code port}. */
  public SampleSettings withPort(int value) {
    return new SampleSettings(host, value, dbLatency, adminToken, cachelet, routes);
  }

  /** The same settings with {@code value} as the response cache's routes. */
  public SampleSettings withRoutes(String value) {
    return new SampleSettings(host, port, dbLatency, adminToken, cachelet, Optional.of(value));
  }

  private static int port(String text) throws StartupException {
    if (text == null || text.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value
    }
    throw new StartupException(
        "Invalid PORT='" + text + "': expected a port number from 1 to 65535, e.g. PORT=8081.");
  }

  private static Duration latency(String text) throws StartupException {
    if (text == null || text.isBlank()) {
      return DEFAULT_DB_LATENCY;
    }
    try {
      Duration latency = DurationFormat.parse(text);
      if (!latency.isNegative() && latency.compareTo(Duration.ofSeconds(10)) <= 0) {
        return latency;
      }
    } catch (IllegalArgumentException e) {
      // reported below, with the value
    }
    throw new StartupException(
        "Invalid SAMPLE_DB_LATENCY='"
            + text
            + "': expected a duration from 0ms to 10s with a unit, e.g. SAMPLE_DB_LATENCY=50ms.");
  }
}
