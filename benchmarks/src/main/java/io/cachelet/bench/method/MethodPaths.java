package io.cachelet.bench.method;

/** Paths that need modules beyond core; none until the method-caching modules are merged. */
final class MethodPaths {

  private MethodPaths() {}

  static void addWeaved(Paths paths) {}
}
