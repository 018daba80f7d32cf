package io.cachelet.filter;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.config.ConfigException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caches whole GET responses of the configured routes, safely by default: nothing outside a
 * configured route is touched, and nothing that could belong to one user is stored (see the
 * README's "never cached" list). Map it for the {@code REQUEST} dispatch only.
 *
 * <p>Configured by init-params in {@code web.xml} (grammar in {@link RouteGrammar}; the README
 * repeats it), by {@code cachelet-routes.conf} on the class path, or in code with {@link
 * #ResponseCacheFilter(RouteRules, Cachelet)}. In {@code web.xml} the filter uses the {@link
 * Cachelet} found in the servlet-context attribute {@value #CACHELET_ATTRIBUTE}, or builds its own
 * from the environment ({@link CacheletConfig#fromEnvironment()}) and closes it on destroy. It
 * publishes its {@link HttpCacheInvalidator} as the servlet-context attribute named by that
 * interface's class name.
 */
public final class ResponseCacheFilter implements Filter {

  /** The servlet-context attribute holding an application's shared {@link Cachelet}. */
  public static final String CACHELET_ATTRIBUTE = "io.cachelet.Cachelet";

  private static final Logger LOG = LoggerFactory.getLogger(ResponseCacheFilter.class);

  private final RouteRules givenRules;
  private final Cachelet givenCachelet;
  private final Clock clock;
  private Cachelet owned;
  private CacheHandler handler;
  private HttpStore store;
  private RouteRules rules;
  private final List<Consumer<ResponseCacheFilter>> whenStarted = new ArrayList<>();
  private Cachelet cachelet;
  private final RouteCounters routeCounters = new RouteCounters();
  private HttpCacheInvalidator invalidator;

  /** For {@code web.xml}: rules come from init-params or the class path. */
  public ResponseCacheFilter() {
    this.givenRules = null;
    this.givenCachelet = null;
    this.clock = Clock.systemUTC();
  }

  /** With rules and a Cachelet built in code; the caller closes the Cachelet. */
  public ResponseCacheFilter(RouteRules rules, Cachelet cachelet) {
    this(rules, cachelet, Clock.systemUTC());
  }

  /** With rules, a Cachelet and the clock freshness is measured with. */
  public ResponseCacheFilter(RouteRules rules, Cachelet cachelet, Clock clock) {
    this.givenRules = Objects.requireNonNull(rules, "rules");
    this.givenCachelet = Objects.requireNonNull(cachelet, "cachelet");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    ServletContext context = config.getServletContext();
    RouteRules rules;
    try {
      rules =
          givenRules != null
              ? givenRules
              : RouteGrammar.fromParams(
                  config::getInitParameter,
                  Collections.list(config.getInitParameterNames()),
                  name -> open(context, name));
    } catch (ConfigException e) {
      throw new ServletException(
          "Cachelet filter '" + config.getFilterName() + "': " + e.getMessage(), e);
    }
    Cachelet cachelet = givenCachelet;
    if (cachelet == null && context.getAttribute(CACHELET_ATTRIBUTE) instanceof Cachelet shared) {
      cachelet = shared;
    }
    if (cachelet == null) {
      owned = Cachelet.create(CacheletConfig.fromEnvironment());
      cachelet = owned;
    }
    start(rules, cachelet);
    context.setAttribute(HttpCacheInvalidator.class.getName(), invalidator);
  }

  private void start(RouteRules rules, Cachelet cachelet) {
    startWith(rules, cachelet);
    List<Consumer<ResponseCacheFilter>> waiting;
    synchronized (whenStarted) {
      waiting = List.copyOf(whenStarted);
      whenStarted.clear();
    }
    waiting.forEach(action -> action.accept(this));
  }

  /**
   * Runs {@code action} with this filter once it is initialised and knows its routes: at once when
   * it is, else at the end of {@link #init}. For binders created before the container initialises
   * filters, such as {@link FilterMetrics}.
   */
  public void whenStarted(Consumer<ResponseCacheFilter> action) {
    Objects.requireNonNull(action, "action");
    synchronized (whenStarted) {
      if (handler == null) {
        whenStarted.add(action);
        return;
      }
    }
    action.accept(this);
  }

  private void startWith(RouteRules rules, Cachelet cachelet) {
    this.rules = rules;
    this.cachelet = cachelet;
    store = new HttpStore(cachelet.store(), cachelet.keyBuilder(), cachelet.config().encryption());
    store.requireKeysFor(rules.routes());
    handler = new CacheHandler(rules, store, clock);
    invalidator = new Invalidator(rules, store);
    if (rules.routes().isEmpty()) {
      LOG.warn("Cachelet filter has no routes configured: it caches nothing");
    } else {
      LOG.info(
          "Cachelet filter caches {}{}", rules.routes(), rules.shadow() ? " (shadow mode)" : "");
    }
    if (rules.trustForwardedHost() && rules.hosts().isEmpty()) {
      LOG.warn(
          "trust-forwarded-host is on without a hosts allowlist: any client can choose the host"
              + " part of cache keys");
    }
  }

  private static InputStream open(ServletContext context, String name) {
    if (name.startsWith("classpath:")) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader == null) {
        loader = ResponseCacheFilter.class.getClassLoader();
      }
      return loader.getResourceAsStream(name.substring("classpath:".length()));
    }
    return context.getResourceAsStream(name.startsWith("/") ? name : "/" + name);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (handler == null) {
      throw new IllegalStateException("The Cachelet filter was not initialised");
    }
    // REQUEST dispatch only, even when mapped for more: an error page or an include must never
    // be stored under the URL it was dispatched for
    if (request.getDispatcherType() == DispatcherType.REQUEST
        && request instanceof HttpServletRequest http
        && response instanceof HttpServletResponse httpResponse) {
      String path = ServletFacts.path(http);
      Optional<Route> route = rules.routeFor(path);
      if (route.isPresent()) {
        long start = System.nanoTime();
        handler.handle(http, httpResponse, chain, route.get(), path);
        count(route.get(), path, http, httpResponse, System.nanoTime() - start);
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /** Invalidation by tag, route or everything, for admin endpoints. */
  public HttpCacheInvalidator invalidator() {
    if (handler == null) {
      throw new IllegalStateException("The Cachelet filter was not initialised");
    }
    return invalidator;
  }

  /** Counts a handled request on its route, from the diagnostic headers written. */
  private void count(
      Route route,
      String path,
      HttpServletRequest request,
      HttpServletResponse response,
      long nanos) {
    String query = request.getQueryString();
    routeCounters.record(
        route.name(),
        query == null ? path : path + "?" + query,
        response.getHeader(CacheStatus.X_CACHE),
        () -> response.getHeader(CacheStatus.CACHE_STATUS),
        nanos);
  }

  /**
   * What the filter did on each route so far, by route name; routes not yet asked for are absent.
   */
  public Map<String, RouteStats> routeStats() {
    invalidator();
    return routeCounters.snapshot();
  }

  /** What the filter did on {@code route} so far; empty before its first request. */
  Optional<RouteStats> routeStats(String route) {
    invalidator();
    return routeCounters.snapshot(route);
  }

  /** Encrypted entries that failed to open and were served as misses, by route name. */
  public Map<String, Long> decryptFailures() {
    invalidator();
    return store.decryptFailures();
  }

  /** The rules the filter runs with. */
  RouteRules rules() {
    invalidator();
    return rules;
  }

  /** The Cachelet the filter stores into. */
  Cachelet cachelet() {
    invalidator();
    return cachelet;
  }

  /** The most requested URLs of the cached routes. */
  List<RouteCounters.UrlCount> topUrls(int limit) {
    invalidator();
    return routeCounters.top(limit);
  }

  /** Counters of the filter's decisions. */
  public FilterStats stats() {
    if (handler == null) {
      throw new IllegalStateException("The Cachelet filter was not initialised");
    }
    return handler.stats();
  }

  /** For tests: tells {@code listener} the path and query of every response once stored. */
  void onStored(java.util.function.Consumer<String> listener) {
    invalidator();
    handler.onStored(listener);
  }

  @Override
  public void destroy() {
    if (handler != null) {
      handler.close();
    }
    if (owned != null) {
      owned.close();
      owned = null;
    }
  }
}
