package io.cachelet.filter;

/** The filter suite on embedded Tomcat (10.1, and 9 in the javax build). */
class TomcatFilterTest extends ResponseCacheFilterContract {

  @Override
  TestContainer newContainer() {
    return new TomcatContainer();
  }
}
