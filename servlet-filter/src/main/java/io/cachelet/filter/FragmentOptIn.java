package io.cachelet.filter;

import io.cachelet.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides whether the jar's web fragment registers the filter, and with which init-params: only
 * when the application asked, so that a jar on the class path never starts caching an application
 * that did not. Pure: the context-params and the class-path look-up come in as values.
 *
 * <p>The application opts in with a context-param {@code cachelet.routes} or {@code
 * cachelet.routes-file}, or with {@value RouteGrammar#CLASSPATH_ROUTES} on its class path. Every
 * other {@code cachelet.NAME} context-param becomes the filter's init-param {@code NAME} (checked
 * by {@link RouteGrammar} like any init-param). {@code cachelet.enabled=false} keeps the filter out
 * whatever else is set.
 */
final class FragmentOptIn {

  /** The prefix of the context-params the fragment reads. */
  static final String PREFIX = "cachelet.";

  /** The context-param that switches the fragment off. */
  static final String ENABLED = PREFIX + "enabled";

  private FragmentOptIn() {}

  /**
   * The init-params to register the filter with, or empty when the application did not opt in.
   *
   * @param params context-param values by name; null when absent
   * @param names the context-param names present
   * @param classpathRoutes whether {@value RouteGrammar#CLASSPATH_ROUTES} is on the class path
   * @param declared whether the application already declares the filter itself (in web.xml)
   */
  static Optional<Map<String, String>> initParams(
      Function<String, String> params,
      Iterable<String> names,
      boolean classpathRoutes,
      boolean declared) {
    String enabled = params.apply(ENABLED);
    if (enabled != null && !enabled.strip().equals("true") && !enabled.strip().equals("false")) {
      throw new ConfigException(
          ENABLED, "Context-param " + ENABLED + "='" + enabled + "': expected true or false");
    }
    if (declared || (enabled != null && enabled.strip().equals("false"))) {
      return Optional.empty();
    }
    Map<String, String> init = new LinkedHashMap<>();
    for (String name : names) {
      if (name.startsWith(PREFIX) && !name.equals(ENABLED)) {
        init.put(name.substring(PREFIX.length()), params.apply(name));
      }
    }
    boolean asked =
        init.containsKey("routes") || init.containsKey("routes-file") || classpathRoutes;
    return asked ? Optional.of(init) : Optional.empty();
  }
}
