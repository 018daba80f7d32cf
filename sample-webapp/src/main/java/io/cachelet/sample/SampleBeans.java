package io.cachelet.sample;

import io.cachelet.Cachelet;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;

/**
 * Hands the objects the application built before CDI started (Cachelet, the database) to the
 * container as beans, so that services get them injected.
 */
public final class SampleBeans implements Extension {

  private final Cachelet cachelet;
  private final ProductRepository products;

  SampleBeans(Cachelet cachelet, ProductRepository products) {
    this.cachelet = cachelet;
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
        .types(ProductRepository.class, Object.class)
        .scope(Singleton.class)
        .createWith(context -> products);
  }
}
