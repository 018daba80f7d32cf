package io.cachelet.aspectj;

import io.cachelet.annotation.CacheEvict;
import io.cachelet.annotation.Cacheable;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A plain class, no CDI anywhere: it is cached because the build wove it. */
public class PriceList {

  public record Price(String sku, BigDecimal amount) {}

  final AtomicInteger priceCalls = new AtomicInteger();
  final AtomicInteger tierCalls = new AtomicInteger();
  final AtomicInteger failingCalls = new AtomicInteger();

  @Cacheable(cache = "prices", ttl = "5m")
  public Price price(String sku) {
    priceCalls.incrementAndGet();
    return new Price(sku, new BigDecimal(sku.length()));
  }

  /** Calls {@link #price} on {@code this}: a proxy would miss it, weaving doesn't. */
  public BigDecimal priceWithTax(String sku) {
    return price(sku).amount().multiply(new BigDecimal("1.2"));
  }

  @CacheEvict(cache = "prices")
  public void reprice(String sku) {}

  public List<String> tiers(String customer) {
    return tiersOf(customer);
  }

  @Cacheable
  private List<String> tiersOf(String customer) {
    tierCalls.incrementAndGet();
    return List.of(customer + "-gold", customer + "-silver");
  }

  @Cacheable
  public Price failing(String sku) throws IOException {
    failingCalls.incrementAndGet();
    throw new IOException("no price for " + sku);
  }
}
