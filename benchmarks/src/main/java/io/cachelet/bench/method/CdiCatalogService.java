package io.cachelet.bench.method;

import io.cachelet.annotation.Cacheable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** The cached bean of the CDI path: intercepted by Cachelet's Weld interceptor. */
@ApplicationScoped
public class CdiCatalogService {

  private final AtomicLong invocations = new AtomicLong();

  @Cacheable(cache = "cdi-catalog", ttl = "1h")
  public Catalog catalog(long id) {
    invocations.incrementAndGet();
    return Catalog.of(id);
  }

  public long invocations() {
    return invocations.get();
  }
}
