package io.cachelet.sample;

import com.fasterxml.jackson.databind.JavaType;
import io.cachelet.Cachelet;
import io.cachelet.cache.Cache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Selling prices: the list price from the database with the day's rule applied. Prices are cached
 * under the product number in the {@code prices} cache, written again when a product changes and
 * dropped when it is deleted.
 */
@ApplicationScoped
public class PricingService {

  /** The cache prices live in. */
  public static final String CACHE = "prices";

  private static final Duration TTL = Duration.ofMinutes(10);

  private final ProductRepository products;
  private final Cache prices;
  private final JavaType priceType;

  @Inject
  public PricingService(ProductRepository products, Cachelet cachelet) {
    this.products = products;
    this.prices = cachelet.cache(CACHE);
    this.priceType = cachelet.codec().types().constructType(Price.class);
  }

  /** Required by CDI to proxy an application-scoped bean; not for use. */
  protected PricingService() {
    this.products = null;
    this.prices = null;
    this.priceType = null;
  }

  /** The price of product {@code id}; {@code null} when there is no such product. */
  public Price price(long id) {
    return prices.getOrLoad(
        Long.toString(id),
        priceType,
        TTL,
        () -> products.find(id).map(PricingService::priceOf).orElse(null));
  }

  /** Stores the price of {@code product} as it is now, and returns it. */
  public Price update(Product product) {
    Price price = priceOf(product);
    prices.put(Long.toString(product.id()), price, TTL);
    return price;
  }

  /** Forgets the price of product {@code id}. */
  public void forget(long id) {
    prices.evict(Long.toString(id));
  }

  static Price priceOf(Product product) {
    if (product.category().equals("kitchen")) {
      return new Price(
          product.id(), product.basePriceCents() * 85 / 100, "EUR", "kitchen: 15% off this week");
    }
    return new Price(product.id(), product.basePriceCents(), "EUR", "list price");
  }
}
