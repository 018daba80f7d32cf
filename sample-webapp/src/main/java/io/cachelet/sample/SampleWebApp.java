package io.cachelet.sample;

import io.cachelet.Cachelet;
import io.cachelet.aspectj.CacheletAspect;
import io.cachelet.filter.AdminAccess;
import io.cachelet.filter.CacheAdminServlet;
import io.cachelet.filter.FilterMetrics;
import io.cachelet.filter.ResponseCacheFilter;
import io.cachelet.method.MethodCache;
import io.cachelet.metrics.CacheletMetrics;
import io.cachelet.sample.woven.CategoryDirectory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.EnumSet;

/**
 * The sample as a WAR on an application server: declared in {@code WEB-INF/web.xml}, it takes
 * Cachelet, the method-cache engine and the services from the server's CDI and registers the
 * response cache and the servlets the embedded launcher registers in {@link SampleApp}. The
 * servlets take their collaborators in their constructors, so they are registered here rather than
 * in {@code web.xml}; the security constraints, the login and the admin role are {@code web.xml}'s.
 *
 * <p>Context parameters: {@value #ROUTES_PARAM} (the filter's {@code routes-file}) and {@value
 * #ADMIN_ROLE_PARAM} (the container role the admin endpoints ask for).
 */
public final class SampleWebApp implements ServletContextListener {

  /** The context parameter naming the routes file, e.g. {@code classpath:sample-routes.conf}. */
  public static final String ROUTES_PARAM = "cachelet.routes-file";

  /** The context parameter naming the container role of the admin endpoints. */
  public static final String ADMIN_ROLE_PARAM = "cachelet.admin-role";

  private PrometheusMeterRegistry registry;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    CDI<Object> cdi = CDI.current();
    Cachelet cachelet = cdi.select(Cachelet.class).get();
    // the woven plain classes use the same engine as the CDI beans
    CacheletAspect.use(cdi.select(MethodCache.class).get());
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CacheletMetrics.of(cachelet).bindTo(registry);
    context.setAttribute(ResponseCacheFilter.CACHELET_ATTRIBUTE, cachelet);

    ResponseCacheFilter filter = new ResponseCacheFilter();
    FilterMetrics.of(filter).bindTo(registry);
    FilterRegistration.Dynamic cache = context.addFilter("cachelet", filter);
    cache.setInitParameter("routes-file", required(context, ROUTES_PARAM));
    cache.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

    ProductRepository products = cdi.select(ProductRepository.class).get();
    add(
        context,
        "products",
        new ProductsServlet(products, cdi.select(PricingService.class).get()),
        "/api/products/*");
    add(
        context,
        "recommendations",
        new RecommendationsServlet(cdi.select(Recommendations.class).get()),
        "/api/me/recommendations");
    add(
        context,
        "categories",
        new CategoriesServlet(new CategoryDirectory(products::categories)),
        "/api/categories");
    add(context, "metrics", new MetricsServlet(registry), "/metrics");
    add(
        context,
        "cachelet-admin",
        new CacheAdminServlet(filter, AdminAccess.role(required(context, ADMIN_ROLE_PARAM))),
        "/admin/cache/*");
    add(context, "dashboard", new DashboardServlet(), "/admin/*");
  }

  private static void add(ServletContext context, String name, Servlet servlet, String path) {
    context.addServlet(name, servlet).addMapping(path);
  }

  private static String required(ServletContext context, String name) {
    String value = context.getInitParameter(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "Context parameter " + name + " is missing: set it in WEB-INF/web.xml.");
    }
    return value.trim();
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (registry != null) {
      registry.close();
    }
  }
}
