package io.cachelet.filter;

import io.cachelet.config.ConfigException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declared by the jar's {@code META-INF/web-fragment.xml}: registers {@link ResponseCacheFilter} as
 * {@value #FILTER_NAME} on {@code /*} for {@code REQUEST} dispatches when the application opted in
 * ({@link FragmentOptIn}), after the filters the application declares (so its security filters run
 * first). A listener rather than a fragment-declared filter: without the opt-in nothing is added to
 * the chain and no store is built, and being part of the fragment it is left out by {@code
 * metadata-complete="true"} and by an {@code <absolute-ordering>} that does not name it. The admin
 * servlet is never registered here.
 */
public final class FragmentListener implements ServletContextListener {

  /** The name the fragment registers the filter under. */
  static final String FILTER_NAME = "cachelet";

  private static final Logger LOG = LoggerFactory.getLogger(FragmentListener.class);

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    Optional<Map<String, String>> init;
    try {
      init =
          FragmentOptIn.initParams(
              context::getInitParameter,
              Collections.list(context.getInitParameterNames()),
              classLoader(context).getResource(RouteGrammar.CLASSPATH_ROUTES) != null,
              declared(context));
    } catch (ConfigException e) {
      throw new IllegalStateException("Cachelet web fragment: " + e.getMessage(), e);
    }
    if (init.isEmpty()) {
      return;
    }
    FilterRegistration.Dynamic filter =
        context.addFilter(FILTER_NAME, ResponseCacheFilter.class.getName());
    if (filter == null) {
      throw new IllegalStateException(
          "Cachelet web fragment: a filter named '"
              + FILTER_NAME
              + "' already exists; rename it, or set the context-param "
              + FragmentOptIn.ENABLED
              + "=false and declare the Cachelet filter yourself");
    }
    filter.setAsyncSupported(true);
    filter.setInitParameters(init.get());
    filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    LOG.info("Cachelet web fragment registered the filter '{}' on /*", FILTER_NAME);
  }

  private static ClassLoader classLoader(ServletContext context) {
    ClassLoader loader = context.getClassLoader();
    return loader != null ? loader : FragmentListener.class.getClassLoader();
  }

  private static boolean declared(ServletContext context) {
    return context.getFilterRegistrations().values().stream()
        .anyMatch(r -> ResponseCacheFilter.class.getName().equals(r.getClassName()));
  }
}
