package io.cachelet.cdi;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** Weld SE containers holding exactly the given beans plus Cachelet's CDI integration. */
final class WeldContainers {

  private WeldContainers() {}

  static WeldContainer start(Class<?>... beans) {
    return new Weld()
        .containerId(null)
        .disableDiscovery()
        .addBeanClasses(
            CacheletProducer.class,
            TestCacheletProducer.class,
            CacheableInterceptor.class,
            CachePutInterceptor.class,
            CacheEvictInterceptor.class)
        .addBeanClasses(beans)
        .addExtension(new CacheletExtension())
        .initialize();
  }
}
