package io.cachelet.cdi;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** Weld SE containers holding exactly the given beans plus Cachelet's CDI integration. */
final class WeldContainers {

  private WeldContainers() {}

  /** With the in-process store of {@link TestCacheletProducer}. */
  static WeldContainer start(Class<?>... beans) {
    return startWith(TestCacheletProducer.class, beans);
  }

  /** With the entry point {@code producer} makes. */
  static WeldContainer startWith(Class<?> producer, Class<?>... beans) {
    return new Weld()
        .containerId(null)
        .disableDiscovery()
        .addBeanClasses(
            CacheletProducer.class,
            producer,
            CacheableInterceptor.class,
            CachePutInterceptor.class,
            CacheEvictInterceptor.class)
        .addBeanClasses(beans)
        .addExtension(new CacheletExtension())
        .initialize();
  }
}
