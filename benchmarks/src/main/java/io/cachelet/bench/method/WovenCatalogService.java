package io.cachelet.bench.method;

import io.cachelet.annotation.Cacheable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cached class of the AspectJ path: a plain class, woven at build time with Cachelet's aspect
 * (this module weaves only this class, so the CDI path is not cached twice).
 */
public class WovenCatalogService {

  private final AtomicLong invocations = new AtomicLong();

  @Cacheable(cache = "aspectj-catalog", ttl = "1h")
  public Catalog catalog(long id) {
    invocations.incrementAndGet();
    return Catalog.of(id);
  }

  public long invocations() {
    return invocations.get();
  }
}
