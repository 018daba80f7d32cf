package io.cachelet.filter;

/** The filter suite on Jetty 12 (ee10). */
class JettyFilterTest extends ResponseCacheFilterContract {

  @Override
  TestContainer newContainer() {
    return new JettyContainer();
  }
}
