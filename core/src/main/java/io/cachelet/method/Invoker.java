package io.cachelet.method;

/**
 * The intercepted method, as a weaving adapter hands it to the engine: typically {@code
 * context::proceed} (CDI) or {@code joinPoint::proceed} (AspectJ).
 */
@FunctionalInterface
public interface Invoker {

  /** Runs the method and returns what it returned; throws what it threw. */
  Object proceed() throws Throwable;
}
