package io.cachelet.bench.method;

import io.cachelet.Cachelet;
import io.cachelet.aspectj.CacheletAspect;
import io.cachelet.cdi.CacheEvictInterceptor;
import io.cachelet.cdi.CachePutInterceptor;
import io.cachelet.cdi.CacheableInterceptor;
import io.cachelet.cdi.CacheletExtension;
import io.cachelet.cdi.CacheletProducer;
import io.cachelet.method.MethodCache;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The annotation paths: {@code @Cacheable} through the Weld interceptor and through the AspectJ
 * aspect, each with a Cachelet of its own on the benchmark's Redis.
 */
final class MethodPaths {

  private MethodPaths() {}

  static void addWeaved(Paths paths) {
    Cachelet forCdi = Cachelet.create(paths.redisConfig());
    paths.closeWith(forCdi);
    BenchCacheletProducer.cachelet = forCdi;
    WeldContainer weld =
        new Weld()
            .containerId(null)
            .disableDiscovery()
            .addBeanClasses(
                CacheletProducer.class,
                BenchCacheletProducer.class,
                CacheableInterceptor.class,
                CachePutInterceptor.class,
                CacheEvictInterceptor.class,
                CdiCatalogService.class)
            .addExtension(new CacheletExtension())
            .initialize();
    paths.closeWith(weld::shutdown);
    CdiCatalogService cdi = weld.select(CdiCatalogService.class).get();
    forCdi.cache("cdi-catalog").evictAll();
    cdi.catalog(Paths.ID);
    paths.add("cdiRedis", () -> cdi.catalog(Paths.ID), cdi::invocations);

    Cachelet forAspect = Cachelet.create(paths.redisConfig());
    paths.closeWith(forAspect);
    MethodCache engine = MethodCache.create(forAspect);
    paths.closeWith(engine::close);
    CacheletAspect.use(engine);
    WovenCatalogService woven = new WovenCatalogService();
    forAspect.cache("aspectj-catalog").evictAll();
    woven.catalog(Paths.ID);
    paths.add("aspectjRedis", () -> woven.catalog(Paths.ID), woven::invocations);
  }
}
