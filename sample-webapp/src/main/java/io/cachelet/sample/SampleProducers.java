package io.cachelet.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The database as a bean, for the WAR: there the server's CDI discovers the services and the
 * cdi-interceptor jar's producer builds Cachelet from system properties and the environment, so
 * only the sample's own resource needs producing. The embedded launcher hands its objects over with
 * {@link SampleBeans} instead and never sees this class.
 */
@ApplicationScoped
public class SampleProducers {

  @Produces
  @Singleton
  ProductRepository products() {
    return ProductRepository.create(SampleSettings.DEFAULT_DB_LATENCY);
  }

  void close(@Disposes ProductRepository products) {
    products.close();
  }
}
