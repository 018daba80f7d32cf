package io.cachelet.cdi;

import io.cachelet.annotation.Cacheable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Cached methods that call cached methods of other beans, three levels deep. */
@ApplicationScoped
public class Warehouse {

  private final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  @Inject Shelf shelf;

  public int calls(String sku) {
    return calls.computeIfAbsent(sku, s -> new AtomicInteger()).get();
  }

  @Cacheable(cache = "warehouse")
  public String stock(String sku) {
    calls.computeIfAbsent(sku, s -> new AtomicInteger()).incrementAndGet();
    return "stock(" + shelf.place(sku) + ")";
  }

  @ApplicationScoped
  public static class Shelf {
    @Inject Bin bin;

    @Cacheable(cache = "shelf")
    public String place(String sku) {
      return "shelf(" + bin.label(sku) + ")";
    }
  }

  @ApplicationScoped
  public static class Bin {
    @Cacheable(cache = "bin")
    public String label(String sku) {
      return "bin " + sku;
    }
  }
}
