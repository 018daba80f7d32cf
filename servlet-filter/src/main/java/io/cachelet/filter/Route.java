package io.cachelet.filter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One cached route: which paths it covers and how their GET responses are cached. Immutable and
 * thread-safe; built with {@link RouteRules.Builder#route} or parsed from the text grammar in
 * {@link RouteRules}. Every option's default is stated on its builder method.
 */
public final class Route {

  /** Where a route's freshness lifetime comes from. */
  public enum TtlSource {
    /** The route's own {@link Builder#ttl}; the origin's {@code Cache-Control} is not consulted. */
    ROUTE,
    /**
     * The origin's fields, as a shared cache reads them (RFC 9111 §4.2): {@code s-maxage}, else
     * {@code max-age}, else {@code Expires} minus {@code Date}, less the age the response arrived
     * with; else the route's heuristic, else its TTL (none when the TTL is zero).
     */
    CACHE_CONTROL,
    /**
     * A targeted field such as {@code CDN-Cache-Control} (RFC 9213), read like {@code
     * Cache-Control}; when it is absent, {@link #CACHE_CONTROL} applies.
     */
    TARGETED
  }

  /** The default freshness lifetime. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(1);

  /** The default cap of a heuristic freshness lifetime (RFC 9111 §4.2.2): one day. */
  public static final Duration DEFAULT_HEURISTIC_MAX = Duration.ofDays(1);

  /** The default largest body stored: 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final String name;
  private final PathPattern pattern;
  private final Duration ttl;
  private final Duration staleGrace;
  private final Duration keep;
  private final List<String> vary;
  private final Optional<Set<String>> queryAllowlist;
  private final List<String> tags;
  private final Set<Integer> statuses;
  private final long maxBodyBytes;
  private final TtlSource ttlSource;
  private final String targetedField;
  private final Optional<Duration> lockLease;
  private final boolean perPrincipal;
  private final boolean stripSetCookie;
  private final boolean encrypt;
  private final List<String> evictTags;
  private final List<String> evictRoutes;
  private final int heuristicPercent;
  private final Duration heuristicMax;
  private final boolean honourRequestDirectives;

  private Route(Builder b) {
    this.name = b.name;
    this.pattern = b.pattern;
    this.ttl = b.ttl;
    this.staleGrace = b.staleGrace;
    this.keep = b.keep;
    this.vary = List.copyOf(b.vary);
    this.queryAllowlist = b.queryAllowlist.map(Set::copyOf).map(TreeSet::new).map(Set::copyOf);
    this.tags = List.copyOf(b.tags);
    this.statuses = Set.copyOf(b.statuses);
    this.maxBodyBytes = b.maxBodyBytes;
    this.ttlSource = b.ttlSource;
    this.targetedField = b.targetedField;
    this.lockLease = b.lockLease;
    this.perPrincipal = b.perPrincipal;
    this.stripSetCookie = b.stripSetCookie;
    this.encrypt = b.encrypt;
    this.evictTags = List.copyOf(b.evictTags);
    this.evictRoutes = List.copyOf(b.evictRoutes);
    this.heuristicPercent = b.heuristicPercent;
    this.heuristicMax = b.heuristicMax;
    this.honourRequestDirectives = b.honourRequestDirectives;
  }

  /** The route's name: readable in store keys, used to purge it. */
  public String name() {
    return name;
  }

  /** The path pattern, as written. */
  public String pattern() {
    return pattern.toString();
  }

  boolean matches(String normalisedPath) {
    return pattern.matches(normalisedPath);
  }

  /**
   * The freshness lifetime when the origin does not give one (or is not asked); zero, allowed only
   * when the lifetime comes from the origin, means a response without one is not stored.
   */
  public Duration ttl() {
    return ttl;
  }

  /** How long past freshness a copy is kept to serve stale (while revalidating or on error). */
  public Duration staleGrace() {
    return staleGrace;
  }

  /**
   * How long past its stale grace a copy is kept only to be revalidated with the application (a
   * conditional request that a 304 answers without a body), never to be served unvalidated.
   */
  public Duration keep() {
    return keep;
  }

  /** The request headers the route varies on, lower-cased. */
  public List<String> vary() {
    return vary;
  }

  /** The query parameters kept in the key, sorted; empty when all are kept. */
  public Optional<Set<String>> queryAllowlist() {
    return queryAllowlist;
  }

  /** Tags every entry of this route carries. */
  public List<String> tags() {
    return tags;
  }

  /** The response statuses that may be stored. */
  public Set<Integer> statuses() {
    return statuses;
  }

  /** The largest body stored; larger bodies stream to the client and are not stored. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Where the freshness lifetime comes from. */
  public TtlSource ttlSource() {
    return ttlSource;
  }

  /** The targeted cache-control field read when {@link #ttlSource()} is TARGETED, lower-cased. */
  public String targetedField() {
    return targetedField;
  }

  /** The lease of the cross-instance fill lock, when one is taken. */
  public Optional<Duration> lockLease() {
    return lockLease;
  }

  /** Whether entries are per authenticated principal (a hash of it is in the key). */
  public boolean perPrincipal() {
    return perPrincipal;
  }

  /** Whether a response with {@code Set-Cookie} is stored without it rather than not stored. */
  public boolean stripSetCookie() {
    return stripSetCookie;
  }

  /** Whether entries are encrypted at rest (AES-256-GCM, keys from the core configuration). */
  public boolean encrypt() {
    return encrypt;
  }

  /** Tags invalidated by a successful unsafe request to this route. */
  public List<String> evictTags() {
    return evictTags;
  }

  /** Routes purged by a successful unsafe request to this route. */
  public List<String> evictRoutes() {
    return evictRoutes;
  }

  /**
   * The percentage of the time since {@code Last-Modified} a response without an explicit lifetime
   * is fresh for (RFC 9111 §4.2.2); 0 when the route gives no heuristic lifetime.
   */
  public int heuristicPercent() {
    return heuristicPercent;
  }

  /** The longest heuristic lifetime. */
  public Duration heuristicMax() {
    return heuristicMax;
  }

  /**
   * Whether the request directives {@code max-age}, {@code max-stale}, {@code min-fresh}, {@code
   * only-if-cached} and {@code no-store} are honoured (RFC 9111 §5.2.1).
   */
  public boolean honourRequestDirectives() {
    return honourRequestDirectives;
  }

  @Override
  public String toString() {
    return "Route[" + name + " " + pattern + " ttl=" + ttl + "]";
  }

  /** Builds a {@link Route}; obtained from {@link RouteRules.Builder#route}. */
  public static final class Builder {
    private final String name;
    private final PathPattern pattern;
    private Duration ttl = DEFAULT_TTL;
    private Duration staleGrace = Duration.ZERO;
    private Duration keep = Duration.ZERO;
    private final List<String> vary = new ArrayList<>();
    private Optional<Set<String>> queryAllowlist = Optional.empty();
    private final List<String> tags = new ArrayList<>();
    private Set<Integer> statuses = Set.of(200);
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private TtlSource ttlSource = TtlSource.ROUTE;
    private String targetedField = "";
    private Optional<Duration> lockLease = Optional.empty();
    private boolean perPrincipal;
    private boolean stripSetCookie;
    private boolean encrypt;
    private final List<String> evictTags = new ArrayList<>();
    private final List<String> evictRoutes = new ArrayList<>();
    private int heuristicPercent;
    private Duration heuristicMax = DEFAULT_HEURISTIC_MAX;
    private boolean honourRequestDirectives;

    Builder(String name, String pattern) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "Route name '" + name + "' must be 1 to 64 of A-Z a-z 0-9 . _ -");
      }
      this.name = name;
      this.pattern = PathPattern.compile(pattern);
    }

    /**
     * Freshness lifetime; default {@link #DEFAULT_TTL} (1 minute). Must be positive, or zero when
     * the lifetime comes from the origin: then a response without one is not stored.
     */
    public Builder ttl(Duration value) {
      this.ttl = notNegative(value, "ttl");
      return this;
    }

    /**
     * Gives a response without an explicit lifetime {@code percent} of the time since its {@code
     * Last-Modified} (RFC 9111 §4.2.2), when the lifetime comes from the origin; default 0 (none).
     */
    public Builder heuristic(int percent) {
      if (percent < 0 || percent > 100) {
        throw new IllegalArgumentException(
            "heuristic must be a percentage from 0% to 100%, got " + percent + "%");
      }
      this.heuristicPercent = percent;
      return this;
    }

    /** The longest heuristic lifetime; default {@link #DEFAULT_HEURISTIC_MAX} (1 day). */
    public Builder heuristicMax(Duration value) {
      this.heuristicMax = positive(value, "heuristic-max");
      return this;
    }

    /**
     * Honours a request's {@code max-age}, {@code max-stale}, {@code min-fresh}, {@code
     * only-if-cached} and {@code no-store} (RFC 9111 §5.2.1); default false: a client can't make
     * the cache refetch or serve stale copies.
     */
    public Builder honourRequestDirectives(boolean value) {
      this.honourRequestDirectives = value;
      return this;
    }

    /** Stale grace past freshness; default zero (no stale serving). */
    public Builder staleGrace(Duration value) {
      this.staleGrace = notNegative(value, "stale");
      return this;
    }

    private static Duration notNegative(Duration value, String option) {
      Objects.requireNonNull(value, option);
      if (value.isNegative()) {
        throw new IllegalArgumentException(option + " must not be negative, got " + value);
      }
      return value;
    }

    /** Time past the stale grace a copy is kept for revalidation; default zero. */
    public Builder keep(Duration value) {
      this.keep = notNegative(value, "keep");
      return this;
    }

    /** Request headers to vary on; default none. */
    public Builder vary(String... headers) {
      for (String header : headers) {
        vary.add(token(header, "vary").toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /** Keeps only these query parameters in the key (sorted); default: all, sorted. */
    public Builder queryAllowlist(Collection<String> parameters) {
      this.queryAllowlist = Optional.of(new TreeSet<>(parameters));
      return this;
    }

    /** Keeps every query parameter in the key, sorted by name then value (the default). */
    public Builder allQueryParameters() {
      this.queryAllowlist = Optional.empty();
      return this;
    }

    /** Tags for every entry; default none. */
    public Builder tags(String... values) {
      for (String tag : values) {
        tags.add(token(tag, "tags"));
      }
      return this;
    }

    /** Statuses that may be stored; default {@code 200} only. */
    public Builder statuses(Integer... values) {
      Set<Integer> set = new TreeSet<>();
      for (Integer status : values) {
        if (status == null || status < 200 || status > 599 || status == 206 || status == 304) {
          throw new IllegalArgumentException(
              "statuses: " + status + " is not a storable final status (200-599 but 206 and 304)");
        }
        set.add(status);
      }
      if (set.isEmpty()) {
        throw new IllegalArgumentException("statuses must name at least one status");
      }
      this.statuses = set;
      return this;
    }

    /** Largest stored body in bytes; default {@link #DEFAULT_MAX_BODY_BYTES} (1 MiB). */
    public Builder maxBodyBytes(long value) {
      if (value < 1 || value > Integer.MAX_VALUE - 64) {
        throw new IllegalArgumentException(
            "max-body must be between 1 byte and 2 GiB, got " + value);
      }
      this.maxBodyBytes = value;
      return this;
    }

    /** Takes the TTL from the origin's {@code Cache-Control} (s-maxage, max-age); default off. */
    public Builder ttlFromCacheControl() {
      this.ttlSource = TtlSource.CACHE_CONTROL;
      this.targetedField = "";
      return this;
    }

    /** Takes the TTL from a targeted field such as {@code CDN-Cache-Control} (RFC 9213). */
    public Builder ttlFromTargetedField(String field) {
      this.targetedField = token(field, "ttl-from").toLowerCase(Locale.ROOT);
      this.ttlSource = TtlSource.TARGETED;
      return this;
    }

    /** Takes a cross-instance fill lock with this lease; default: no lock. */
    public Builder lock(Duration lease) {
      this.lockLease = Optional.of(positive(lease, "lock"));
      return this;
    }

    /** Caches per authenticated principal; default false (authenticated requests bypass). */
    public Builder perPrincipal(boolean value) {
      this.perPrincipal = value;
      return this;
    }

    /**
     * Stores responses that set cookies with their {@code Set-Cookie} removed (the live response
     * keeps it); default false: such responses are not stored.
     */
    public Builder stripSetCookie(boolean value) {
      this.stripSetCookie = value;
      return this;
    }

    /**
     * Encrypts the route's entries at rest; default false (unless {@code
     * cachelet.encryption.enabled}). Needs {@code CACHELET_ENCRYPTION_KEYS}.
     */
    public Builder encrypt(boolean value) {
      this.encrypt = value;
      return this;
    }

    /** Tags invalidated by a 2xx unsafe request to this route; default none. */
    public Builder evictTags(String... values) {
      for (String tag : values) {
        evictTags.add(token(tag, "evict-tags"));
      }
      return this;
    }

    /** Routes purged by a 2xx unsafe request to this route; default none. */
    public Builder evictRoutes(String... values) {
      for (String route : values) {
        if (!NAME.matcher(route).matches()) {
          throw new IllegalArgumentException("evict-routes: '" + route + "' is not a route name");
        }
        evictRoutes.add(route);
      }
      return this;
    }

    Route build() {
      if (ttl.isZero() && ttlSource == TtlSource.ROUTE) {
        throw new IllegalArgumentException(
            "ttl=0 (no fallback lifetime) needs ttl-from=cache-control or a targeted field; with"
                + " ttl-from=route the ttl must be positive");
      }
      if (heuristicPercent > 0 && ttlSource == TtlSource.ROUTE) {
        throw new IllegalArgumentException(
            "heuristic needs ttl-from=cache-control or a targeted field: with ttl-from=route the"
                + " route's ttl is the lifetime");
      }
      return new Route(this);
    }

    private static Duration positive(Duration value, String option) {
      Objects.requireNonNull(value, option);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(option + " must be positive, got " + value);
      }
      return value;
    }

    private static String token(String value, String option) {
      if (value == null || !TOKEN.matcher(value).matches()) {
        throw new IllegalArgumentException(
            option + ": '" + value + "' is not an HTTP token (letters, digits, !#$%&'*+.^_`|~-)");
      }
      return value;
    }
  }
}
