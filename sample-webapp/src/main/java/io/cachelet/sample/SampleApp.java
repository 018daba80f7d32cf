package io.cachelet.sample;

import io.cachelet.Cachelet;
import io.cachelet.aspectj.CacheletAspect;
import io.cachelet.cdi.CacheEvictInterceptor;
import io.cachelet.cdi.CachePutInterceptor;
import io.cachelet.cdi.CacheableInterceptor;
import io.cachelet.cdi.CacheletExtension;
import io.cachelet.config.ConfigException;
import io.cachelet.config.RedisEndpoint;
import io.cachelet.filter.AdminAccess;
import io.cachelet.filter.CacheAdminServlet;
import io.cachelet.filter.FilterMetrics;
import io.cachelet.filter.ResponseCacheFilter;
import io.cachelet.method.MethodCache;
import io.cachelet.metrics.CacheletMetrics;
import io.cachelet.metrics.MeteredStore;
import io.cachelet.sample.woven.CategoryDirectory;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.store.StoreHealth;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running sample: Cachelet's store, the database, the CDI container and the Jetty server,
 * started in that order by {@link #start} and stopped in the reverse order by {@link #close}.
 */
public final class SampleApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SampleApp.class);

  /** The role of the demo users, the one {@code /api/me/*} asks for. */
  public static final String CUSTOMER_ROLE = "customer";

  /** The demo users, name and password alike: {@code alice:alice}, {@code bob:bob}. */
  public static final String[] DEMO_USERS = {"alice", "bob"};

  /** The role that may call the admin endpoints, besides the token: demo user {@code admin}. */
  public static final String ADMIN_ROLE = "cachelet-admin";

  /**
   * The routes file on the class path the response cache is configured by, unless the settings give
   * routes.
   */
  public static final String ROUTES_FILE = "sample-routes.conf";

  private final SampleSettings settings;
  private final PrometheusMeterRegistry registry;
  private final Cachelet cachelet;
  private final MethodCache methodCache;
  private final ProductRepository products;
  private final WeldContainer container;
  private final Server server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SampleApp(
      SampleSettings settings,
      PrometheusMeterRegistry registry,
      Cachelet cachelet,
      MethodCache methodCache,
      ProductRepository products,
      WeldContainer container,
      Server server) {
    this.settings = settings;
    this.registry = registry;
    this.cachelet = cachelet;
    this.methodCache = methodCache;
    this.products = products;
    this.container = container;
    this.server = server;
  }

  /**
   * Starts the sample.
   *
   * @throws StartupException when Redis is configured but can't be used, or the port is taken; the
   *     message says what to change
   */
  public static SampleApp start(SampleSettings settings) throws StartupException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Cachelet cachelet = cachelet(settings, registry);
    CacheletMetrics.of(cachelet).bindTo(registry);
    MethodCache methodCache = MethodCache.create(cachelet);
    // the woven plain classes use the same engine as the CDI beans
    CacheletAspect.use(methodCache);
    ProductRepository products = null;
    WeldContainer container = null;
    try {
      products = ProductRepository.create(settings.dbLatency());
      container =
          new Weld("cachelet-sample-" + System.identityHashCode(settings))
              .disableDiscovery()
              .skipShutdownHook()
              .addExtension(new SampleBeans(cachelet, methodCache, products))
              .addExtension(new CacheletExtension())
              .addBeanClasses(
                  CacheableInterceptor.class,
                  CachePutInterceptor.class,
                  CacheEvictInterceptor.class,
                  PricingService.class,
                  Recommendations.class)
              .initialize();
      Server server = server(settings, cachelet, container, products, registry);
      SampleApp app =
          new SampleApp(settings, registry, cachelet, methodCache, products, container, server);
      app.listen();
      return app;
    } catch (StartupException | RuntimeException e) {
      if (container != null) {
        container.shutdown();
      }
      if (products != null) {
        products.close();
      }
      methodCache.close();
      cachelet.close();
      throw e;
    }
  }

  private static Cachelet cachelet(SampleSettings settings, MeterRegistry registry)
      throws StartupException {
    Cachelet cachelet;
    try {
      CacheStore store = MeteredStore.wrap(CacheStores.create(settings.cachelet()), registry);
      cachelet = Cachelet.create(settings.cachelet(), store, Clock.systemUTC());
    } catch (ConfigException e) {
      throw new StartupException(
          e.getMessage()
              + " Fix REDIS_URL (or the setting named), or unset it to cache in process.",
          e);
    }
    if (settings.cachelet().redis().isEmpty()) {
      LOG.info(
          "Cache store: embedded in-process store (set REDIS_URL=redis://localhost:6379 to use"
              + " Redis)");
      return cachelet;
    }
    String redis = settings.cachelet().redis().map(RedisEndpoint::redacted).orElseThrow();
    StoreHealth health = cachelet.health();
    if (health.status() == StoreHealth.Status.DOWN) {
      cachelet.close();
      throw new StartupException(
          "Redis at "
              + redis
              + " does not answer ("
              + health.lastError().orElse("no reply")
              + "). Start Redis there, fix REDIS_URL, or unset REDIS_URL to cache in process.");
    }
    LOG.info("Cache store: Redis at {} ({})", redis, health.status());
    return cachelet;
  }

  private static Server server(
      SampleSettings settings,
      Cachelet cachelet,
      WeldContainer container,
      ProductRepository products,
      PrometheusMeterRegistry registry) {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("sample-http");
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler("/");
    context.setSecurityHandler(security());
    // the response cache, with routes from a routes file (or the settings), on the application's
    // Cachelet
    context.setAttribute(ResponseCacheFilter.CACHELET_ATTRIBUTE, cachelet);
    ResponseCacheFilter filter = new ResponseCacheFilter();
    FilterMetrics.of(filter).bindTo(registry);
    FilterHolder cache = new FilterHolder(filter);
    settings
        .routes()
        .ifPresentOrElse(
            routes -> cache.setInitParameter("routes", routes),
            () -> cache.setInitParameter("routes-file", "classpath:" + ROUTES_FILE));
    context.addFilter(cache, "/*", EnumSet.of(DispatcherType.REQUEST));
    PricingService pricing = container.select(PricingService.class).get();
    context.addServlet(
        new ServletHolder(new ProductsServlet(products, pricing)), "/api/products/*");
    context.addServlet(
        new ServletHolder(
            new RecommendationsServlet(container.select(Recommendations.class).get())),
        "/api/me/recommendations");
    context.addServlet(
        new ServletHolder(new CategoriesServlet(new CategoryDirectory(products::categories))),
        "/api/categories");
    context.addServlet(new ServletHolder(new MetricsServlet(registry)), "/metrics");
    context.addServlet(
        new ServletHolder(new CacheAdminServlet(filter, adminAccess(settings))), "/admin/cache/*");
    context.addServlet(new ServletHolder(new DashboardServlet()), "/admin/*");
    server.setHandler(context);
    server.setStopTimeout(2_000);
    return server;
  }

  /**
   * The admin endpoints are open without {@code CACHELET_ADMIN_TOKEN} (the admin servlet warns in
   * the log); with it, they take the token as a bearer token, or a user in {@link #ADMIN_ROLE}.
   */
  private static AdminAccess adminAccess(SampleSettings settings) {
    if (settings.adminToken().isEmpty()) {
      LOG.warn("Admin endpoints are open: set CACHELET_ADMIN_TOKEN to protect them");
    }
    return settings
        .adminToken()
        .map(token -> AdminAccess.bearerToken(token).orRole(ADMIN_ROLE))
        .orElseGet(AdminAccess::open);
  }

  /** HTTP Basic over a user store of the two demo users, required on {@code /api/me/*}. */
  private static ConstraintSecurityHandler security() {
    UserStore users = new UserStore();
    for (String user : DEMO_USERS) {
      users.addUser(user, Credential.getCredential(user), new String[] {CUSTOMER_ROLE});
    }
    users.addUser("admin", Credential.getCredential("admin"), new String[] {ADMIN_ROLE});
    HashLoginService login = new HashLoginService("cachelet-sample");
    login.setUserStore(users);
    ConstraintMapping me = new ConstraintMapping();
    me.setPathSpec("/api/me/*");
    me.setConstraint(Constraint.from(CUSTOMER_ROLE));
    ConstraintSecurityHandler security = new ConstraintSecurityHandler();
    security.setLoginService(login);
    security.setAuthenticator(new BasicAuthenticator());
    security.addConstraintMapping(me);
    return security;
  }

  private void listen() throws StartupException {
    try {
      server.start();
    } catch (IOException e) {
      stopQuietly();
      if (e instanceof BindException || e.getCause() instanceof BindException) {
        throw new StartupException(
            "Port "
                + settings.port()
                + " is already in use. Stop what is listening there, or choose another port: PORT="
                + (settings.port() == 65535 ? 8081 : settings.port() + 1)
                + ".",
            e);
      }
      throw new StartupException("Could not listen on port " + settings.port() + ": " + e, e);
    } catch (Exception e) {
      stopQuietly();
      throw new StartupException("Could not start the HTTP server: " + e, e);
    }
    LOG.info("Cachelet sample listening on {}", uri());
  }

  private void stopQuietly() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.debug("Stopping a server that failed to start", e);
    }
  }

  /** The port the server listens on: the one asked for, or the one picked for port 0. */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** {@code http://localhost:port}. */
  public URI uri() {
    return URI.create("http://localhost:" + port());
  }

  /** The Cachelet instance the sample runs on. */
  public Cachelet cachelet() {
    return cachelet;
  }

  /** Waits until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops the server, the container, the database and the store's pool; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("The HTTP server did not stop cleanly: {}", e.toString());
    }
    container.shutdown();
    products.close();
    methodCache.close();
    cachelet.close();
    registry.close();
    LOG.info("Cachelet sample stopped");
  }
}
