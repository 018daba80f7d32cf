package io.cachelet.cdi;

import io.cachelet.annotation.CacheEvict;
import io.cachelet.annotation.CacheKey;
import io.cachelet.annotation.CachePut;
import io.cachelet.annotation.Cacheable;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A bean with one method per behaviour under test; it counts how often each really ran. */
@ApplicationScoped
public class Catalog {

  final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  volatile boolean failing;
  volatile CountDownLatch gate = new CountDownLatch(0);

  /** Makes the methods that can fail fail, or not. */
  public void failing(boolean value) {
    failing = value;
  }

  /** Holds {@link #slow} until {@code value} opens. */
  public void gate(CountDownLatch value) {
    gate = value;
  }

  public Inner inner() {
    return inner;
  }

  public int calls(String method) {
    return calls.computeIfAbsent(method, m -> new AtomicInteger()).get();
  }

  private void ran(String method) {
    calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
  }

  static Product product(String sku) {
    return new Product(sku, "Product " + sku, new BigDecimal("9.90"));
  }

  @Cacheable(cache = "products", ttl = "10m")
  public Product find(String sku) {
    ran("find");
    return product(sku);
  }

  @CachePut(cache = "products", key = "product.sku")
  public Product save(Product product) {
    ran("save");
    return product;
  }

  @CacheEvict(cache = "products")
  public void remove(String sku) {
    ran("remove");
  }

  @CacheEvict(cache = "products", allEntries = true)
  public void removeAll() {
    ran("removeAll");
  }

  @CacheEvict(cache = "products", key = "sku", beforeInvocation = true)
  public void removeThenFail(String sku) {
    ran("removeThenFail");
    throw new IllegalStateException("failed after the eviction");
  }

  @CacheEvict(cache = "products", key = "sku")
  public void failThenRemove(String sku) {
    ran("failThenRemove");
    throw new IllegalStateException("failed before the eviction");
  }

  @Cacheable
  public List<Product> byCategory(String category) {
    ran("byCategory");
    return List.of(product(category + "-1"), product(category + "-2"));
  }

  @Cacheable
  public Map<String, Integer> stock(Set<String> skus) {
    ran("stock");
    Map<String, Integer> stock = new TreeMap<>();
    skus.forEach(s -> stock.put(s, s.length()));
    return stock;
  }

  @Cacheable
  public Optional<Product> lookup(String sku) {
    ran("lookup");
    return sku.startsWith("none") ? Optional.empty() : Optional.of(product(sku));
  }

  @Cacheable
  public Product nullable(String sku) {
    ran("nullable");
    return null;
  }

  @Cacheable(cacheNull = false)
  public Product nullNotCached(String sku) {
    ran("nullNotCached");
    return null;
  }

  @Cacheable
  public int count(String what) {
    ran("count");
    return what.length();
  }

  /** Same parameters as {@link #count}: by default the two never share entries. */
  @Cacheable
  public int other(String what) {
    ran("other");
    return -what.length();
  }

  @Cacheable(key = "'sku:' += sku", condition = "sku ne 'live'", unless = "result.price > 100")
  public Product priced(String sku, BigDecimal price) {
    ran("priced");
    return new Product(sku, "priced", price);
  }

  @Cacheable
  public String region(@CacheKey String region, String traceId) {
    ran("region");
    return region + "/" + traceId;
  }

  @Cacheable
  public Product checked(String sku) throws IOException {
    ran("checked");
    if (failing) {
      throw new IOException("origin down for " + sku);
    }
    return product(sku);
  }

  @Cacheable(ttl = "1m", staleTtl = "1h")
  public Product staleable(String sku) throws IOException {
    ran("staleable");
    if (failing) {
      throw new IOException("origin down for " + sku);
    }
    return new Product(sku, "call " + calls("staleable"), BigDecimal.ONE);
  }

  @Cacheable
  public Product slow(String sku) throws InterruptedException {
    ran("slow");
    gate.await(10, TimeUnit.SECONDS);
    return product(sku);
  }

  @Cacheable
  public CompletableFuture<Product> async(String sku) {
    ran("async");
    return CompletableFuture.supplyAsync(() -> product(sku));
  }

  @Cacheable
  public CompletableFuture<Product> asyncGated(String sku) {
    ran("asyncGated");
    CountDownLatch until = gate;
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            until.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return product(sku);
        });
  }

  @Cacheable
  public CompletionStage<List<Product>> asyncList(String sku) {
    ran("asyncList");
    if (failing) {
      return CompletableFuture.failedFuture(new IOException("async origin down"));
    }
    return CompletableFuture.completedFuture(List.of(product(sku)));
  }

  @Cacheable(ttl = "${catalog.short-ttl:2m}", jitter = "10s")
  public Product shortLived(String sku) {
    ran("shortLived");
    return product(sku);
  }

  @Cacheable(cache = "nested-outer")
  public String outer(String id) {
    ran("outer");
    return "outer(" + inner.inner(id) + ")";
  }

  @jakarta.inject.Inject Inner inner;

  /** A second bean, so that the nested call goes through its interceptor. */
  @ApplicationScoped
  public static class Inner {
    private final AtomicInteger calls = new AtomicInteger();

    public int calls() {
      return calls.get();
    }

    @Cacheable(cache = "nested-inner")
    public String inner(String id) {
      calls.incrementAndGet();
      return "inner " + id;
    }
  }
}
