package io.cachelet.sample;

import io.cachelet.Cachelet;
import io.cachelet.method.MethodCache;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;

/**
 * Hands the objects the application built before CDI started (Cachelet, the method-cache engine,
 * the database) to the container as beans: services get them injected, and the interceptors use
 * this engine instead of building one from the environment.
 */
public final class SampleBeans implements Extension {

  private final Cachelet cachelet;
  private final MethodCache methodCache;
  private final ProductRepository products;

  SampleBeans(Cachelet cachelet, MethodCache methodCache, ProductRepository products) {
    this.cachelet = cachelet;
    this.methodCache = methodCache;
    this.products = products;
  }

  void register(@Observes AfterBeanDiscovery event) {
    event
        .addBean()
        .types(Cachelet.class, Object.class)
        .scope(Singleton.class)
        .createWith(context -> cachelet);
    event
        .addBean()
        .types(MethodCache.class, Object.class)
        .scope(Singleton.class)
        .createWith(context -> methodCache);
    event
        .addBean()
        .types(ProductRepository.class, Object.class)
        .scope(Singleton.class)
        .createWith(context -> products);
  }
}
