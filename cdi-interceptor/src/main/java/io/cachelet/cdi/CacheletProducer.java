package io.cachelet.cdi;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.method.MethodCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the {@link Cachelet} entry point and the {@link MethodCache} engine injectable, one each
 * per application: {@code @Inject Cachelet cachelet; cachelet.cache("prices")} reads and writes
 * what the annotations do.
 *
 * <p>The Cachelet is built from {@link CacheletConfig#fromEnvironment()}. To build it another way,
 * produce your own with {@code @Produces @Singleton @Alternative @Priority(1)}; the engine then
 * uses yours.
 */
@ApplicationScoped
public class CacheletProducer {

  @Produces
  @Singleton
  Cachelet cachelet() {
    return Cachelet.create(CacheletConfig.fromEnvironment());
  }

  void close(@Disposes Cachelet cachelet) {
    cachelet.close();
  }

  @Produces
  @Singleton
  MethodCache methodCache(Cachelet cachelet) {
    return MethodCache.create(cachelet);
  }

  void close(@Disposes MethodCache engine) {
    engine.close();
  }
}
