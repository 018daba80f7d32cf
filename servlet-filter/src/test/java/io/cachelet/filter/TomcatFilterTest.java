package io.cachelet.filter;

/** The filter suite on embedded Tomcat 10.1. */
class TomcatFilterTest extends ResponseCacheFilterContract {

  @Override
  TestContainer newContainer() {
    return new TomcatContainer();
  }
}
