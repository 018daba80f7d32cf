package io.cachelet.filter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The filter's whole configuration: the cached routes and the rules that apply to every request.
 * Immutable and thread-safe once built; the filter never changes it while serving.
 *
 * <p>Built three ways that give the same object: {@link #builder()} in code, the init-params of the
 * filter in {@code web.xml}, or a routes file on the class path (see {@link RouteGrammar} for the
 * written grammar, which the README repeats).
 */
public final class RouteRules {

  /** The RFC 9211 cache name used in {@code Cache-Status} by default. */
  public static final String DEFAULT_CACHE_NAME = "Cachelet";

  /** The response header tags are read from (and stripped) by default. */
  public static final String DEFAULT_TAG_HEADER = "Cache-Tag";

  /** How long concurrent misses wait for the one that fills the entry, by default. */
  public static final Duration DEFAULT_STAMPEDE_WAIT = Duration.ofSeconds(5);

  private final List<Route> routes;
  private final Set<String> hosts;
  private final boolean trustForwardedHost;
  private final Set<String> authCookies;
  private final boolean honourRequestNoCache;
  private final boolean shadow;
  private final String cacheName;
  private final String tagHeader;
  private final Duration stampedeWait;

  private RouteRules(Builder b) {
    this.routes = List.copyOf(b.routes.values());
    this.hosts = Set.copyOf(b.hosts);
    this.trustForwardedHost = b.trustForwardedHost;
    this.authCookies = Set.copyOf(b.authCookies);
    this.honourRequestNoCache = b.honourRequestNoCache;
    this.shadow = b.shadow;
    this.cacheName = b.cacheName;
    this.tagHeader = b.tagHeader;
    this.stampedeWait = b.stampedeWait;
  }

  /** A builder with the defaults: no routes, so nothing is cached. */
  public static Builder builder() {
    return new Builder();
  }

  /** The routes, in the order they were configured; the first that matches a path wins. */
  public List<Route> routes() {
    return routes;
  }

  /** The route for a normalised path, if any. */
  public Optional<Route> routeFor(String normalisedPath) {
    for (Route route : routes) {
      if (route.matches(normalisedPath)) {
        return Optional.of(route);
      }
    }
    return Optional.empty();
  }

  /** The route called {@code name}, if any. */
  public Optional<Route> route(String name) {
    return routes.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** Host names allowed in keys, lower-cased; empty means "the request's server name". */
  public Set<String> hosts() {
    return hosts;
  }

  /** Whether {@code X-Forwarded-Host} is trusted (it is a bypass reason otherwise). */
  public boolean trustForwardedHost() {
    return trustForwardedHost;
  }

  /** Cookie names that mark a session or a login; a request carrying one bypasses the cache. */
  public Set<String> authCookies() {
    return authCookies;
  }

  /** Whether a request's {@code Cache-Control: no-cache} forces an origin fetch. */
  public boolean honourRequestNoCache() {
    return honourRequestNoCache;
  }

  /** Whether the filter only computes decisions and counts would-be hits, serving nothing. */
  public boolean shadow() {
    return shadow;
  }

  /** The cache's name in {@code Cache-Status}. */
  public String cacheName() {
    return cacheName;
  }

  /** The response header carrying tags, stripped before the client sees it. */
  public String tagHeader() {
    return tagHeader;
  }

  /** The longest a request waits for a concurrent fill of the same entry. */
  public Duration stampedeWait() {
    return stampedeWait;
  }

  /** Builds {@link RouteRules}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Set<String> hosts = new HashSet<>();
    private boolean trustForwardedHost;
    private final Set<String> authCookies = new HashSet<>(Set.of("JSESSIONID"));
    private boolean honourRequestNoCache;
    private boolean shadow;
    private String cacheName = DEFAULT_CACHE_NAME;
    private String tagHeader = DEFAULT_TAG_HEADER;
    private Duration stampedeWait = DEFAULT_STAMPEDE_WAIT;

    private Builder() {}

    /**
     * Adds a route; {@code options} sets everything but the name and pattern.
     *
     * @throws IllegalArgumentException on a duplicate name or an invalid option
     */
    public Builder route(String name, String pattern, Consumer<Route.Builder> options) {
      Route.Builder builder = new Route.Builder(name, pattern);
      options.accept(builder);
      return add(builder.build());
    }

    /** Adds a route with default options. */
    public Builder route(String name, String pattern) {
      return route(name, pattern, b -> {});
    }

    Builder add(Route route) {
      if (routes.putIfAbsent(route.name(), route) != null) {
        throw new IllegalArgumentException("Route '" + route.name() + "' is configured twice");
      }
      return this;
    }

    /** Host names allowed in keys; requests for others bypass. Default: none configured. */
    public Builder hosts(String... names) {
      for (String name : names) {
        hosts.add(Objects.requireNonNull(name, "host").toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /** Trusts {@code X-Forwarded-Host} for the key; default false (such requests bypass). */
    public Builder trustForwardedHost(boolean value) {
      this.trustForwardedHost = value;
      return this;
    }

    /** Adds session or login cookie names; default {@code JSESSIONID}. */
    public Builder authCookies(String... names) {
      for (String name : names) {
        authCookies.add(Objects.requireNonNull(name, "cookie"));
      }
      return this;
    }

    /** Lets a request's {@code Cache-Control: no-cache} force an origin fetch; default false. */
    public Builder honourRequestNoCache(boolean value) {
      this.honourRequestNoCache = value;
      return this;
    }

    /** Shadow mode: decide and count, never serve from cache; default false. */
    public Builder shadow(boolean value) {
      this.shadow = value;
      return this;
    }

    /** The cache name in {@code Cache-Status}; default {@link #DEFAULT_CACHE_NAME}. */
    public Builder cacheName(String value) {
      if (value == null || !value.matches("[A-Za-z][A-Za-z0-9._-]{0,63}")) {
        throw new IllegalArgumentException(
            "cache-name '" + value + "' must be a token starting with a letter");
      }
      this.cacheName = value;
      return this;
    }

    /** The response header tags come from; default {@link #DEFAULT_TAG_HEADER}. */
    public Builder tagHeader(String value) {
      if (value == null || !value.matches("[A-Za-z0-9-]{1,64}")) {
        throw new IllegalArgumentException("tag-header '" + value + "' is not a header name");
      }
      this.tagHeader = value;
      return this;
    }

    /** How long a request waits for a concurrent fill; default 5 s. */
    public Builder stampedeWait(Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("stampede-wait must be positive, got " + value);
      }
      this.stampedeWait = value;
      return this;
    }

    /** The validated rules. */
    public RouteRules build() {
      for (Route route : routes.values()) {
        List<String> unknown = new ArrayList<>(route.evictRoutes());
        unknown.removeAll(routes.keySet());
        if (!unknown.isEmpty()) {
          throw new IllegalArgumentException(
              "Route '" + route.name() + "': evict-routes names unknown routes " + unknown);
        }
      }
      return new RouteRules(this);
    }
  }
}
